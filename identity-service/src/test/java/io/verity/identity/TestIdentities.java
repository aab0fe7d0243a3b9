package io.verity.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.identity.service.TemplateService;
import io.verity.platform.identities.Identity;
import io.verity.testsupport.SharedData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Verified identities as idv-service will create them: a row in core.identities and the selfie's template in the
 * verified-identities gallery (until IDV lands, tests make them through the schema).
 */
@ApplicationScoped
public class TestIdentities {

    @Inject
    TemplateService templates;

    public Identity create(UUID clientId, String first, String last, String selfie, boolean verified) {
        Identity identity = QuarkusTransaction.requiringNew().call(() -> {
            Identity i = new Identity();
            i.id = UUID.randomUUID();
            i.clientId = clientId;
            i.firstName = first;
            i.lastName = last;
            i.birthDate = LocalDate.of(1961, 8, 4);
            i.gender = "male";
            i.documentType = "driver_license";
            i.documentNumber = "DL" + Math.abs(first.hashCode());
            i.documentIssuingCountry = "USA";
            i.documentExpiresAt = LocalDate.of(2030, 1, 31);
            i.street = "1600 Pennsylvania Ave";
            i.city = "Washington";
            i.postalCode = "20500";
            i.country = "USA";
            i.verified = verified;
            i.verifiedAt = verified ? OffsetDateTime.now() : null;
            i.createdAt = OffsetDateTime.now();
            i.updatedAt = i.createdAt;
            i.persist();
            return i;
        });
        templates.enroll(clientId, Identity.GALLERY, identity.id.toString(), SharedData.face(selfie));
        return identity;
    }
}
