package io.verity.platform.weights;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A version of the field requirements for one document type and data source, as weights-service answers it:
 * a document that does not yield a required field fails the requirements check.
 */
@RegisterForReflection // read by Jackson in WeightsClient, which no REST signature reveals to Quarkus
public record Requirements(
        UUID id,
        UUID clientId,
        String userId,
        DocumentType typeE,
        String dataSourceE,
        boolean documentNumberRequired,
        boolean refNumberRequired,
        boolean issueAtRequired,
        boolean expiresAtRequired,
        boolean issuingCountryRequired,
        boolean issuingStateRequired,
        boolean firstNameRequired,
        boolean middleNameRequired,
        boolean lastNameRequired,
        boolean nameSuffixRequired,
        boolean streetRequired,
        boolean cityRequired,
        boolean stateRequired,
        boolean postalCodeRequired,
        boolean birthDateRequired,
        boolean genderRequired,
        boolean heightRequired,
        boolean weightRequired,
        boolean eyeColorRequired,
        boolean hairColorRequired,
        boolean classRequired,
        boolean mentionsRequired,
        boolean restrictionsRequired,
        boolean rawBarcodeRequired,
        boolean faceEncodingRequired,
        OffsetDateTime createdAt) {
}
