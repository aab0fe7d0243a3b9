package io.verity.documents;

import java.time.LocalDate;

/**
 * The person and document data read from one source of a document (its barcode, its MRZ or its printed visual zone).
 * Names follow the IDV spec's document fields; anything the source does not carry is null.
 */
public record DocumentFields(
        Source source,
        String documentNumber,
        String issuingCountry,
        String issuingState,
        LocalDate issuedAt,
        LocalDate expiresAt,
        String firstName,
        String middleName,
        String lastName,
        String nameSuffix,
        LocalDate birthDate,
        String gender,
        String street,
        String city,
        String state,
        String postalCode,
        String height,
        String weight,
        String eyeColor,
        String hairColor,
        String documentClass,
        String restrictions) {

    /** Where the fields were read. */
    public enum Source {
        BARCODE, MRZ, VISUAL_ZONE
    }
}
