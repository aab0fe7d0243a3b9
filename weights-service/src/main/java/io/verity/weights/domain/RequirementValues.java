package io.verity.weights.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which fields a document must yield for it to pass: a document of the session's type, read from a data
 * source, that lacks a required field fails the requirements check. Named as in the vendor spec.
 */
@Embeddable
@RegisterForReflection // RecordFields reads the components and their @Schema at run time
@Schema(name = "RequirementValues")
public record RequirementValues(
        @Column(name = "document_number_required")
        @Schema(required = true, description = "The document must yield the document number (AAMVA DAQ, the MRZ "
                + "document number).")
        boolean documentNumberRequired,

        @Column(name = "ref_number_required")
        @Schema(required = true, description = "The document must yield the reference number (AAMVA document "
                + "discriminator DCF, or an inventory number).")
        boolean refNumberRequired,

        @Column(name = "issue_at_required")
        @Schema(required = true, description = "The document must yield the issue date.")
        boolean issueAtRequired,

        @Column(name = "expires_at_required")
        @Schema(required = true, description = "The document must yield the expiry date.")
        boolean expiresAtRequired,

        @Column(name = "issuing_country_required")
        @Schema(required = true, description = "The document must yield the issuing country.")
        boolean issuingCountryRequired,

        @Column(name = "issuing_state_required")
        @Schema(required = true, description = "The document must yield the issuing state or province.")
        boolean issuingStateRequired,

        @Column(name = "first_name_required")
        @Schema(required = true, description = "The document must yield the first name.")
        boolean firstNameRequired,

        @Column(name = "middle_name_required")
        @Schema(required = true, description = "The document must yield the middle name(s).")
        boolean middleNameRequired,

        @Column(name = "last_name_required")
        @Schema(required = true, description = "The document must yield the last name.")
        boolean lastNameRequired,

        @Column(name = "name_suffix_required")
        @Schema(required = true, description = "The document must yield the name suffix (JR, SR, III…).")
        boolean nameSuffixRequired,

        @Column(name = "street_required")
        @Schema(required = true, description = "The document must yield the street of the address.")
        boolean streetRequired,

        @Column(name = "city_required")
        @Schema(required = true, description = "The document must yield the city of the address.")
        boolean cityRequired,

        @Column(name = "state_required")
        @Schema(required = true, description = "The document must yield the state of the address.")
        boolean stateRequired,

        @Column(name = "postal_code_required")
        @Schema(required = true, description = "The document must yield the postal code of the address.")
        boolean postalCodeRequired,

        @Column(name = "birth_date_required")
        @Schema(required = true, description = "The document must yield the birth date.")
        boolean birthDateRequired,

        @Column(name = "gender_required")
        @Schema(required = true, description = "The document must yield the sex or gender.")
        boolean genderRequired,

        @Column(name = "height_required")
        @Schema(required = true, description = "The document must yield the height.")
        boolean heightRequired,

        @Column(name = "weight_required")
        @Schema(required = true, description = "The document must yield the weight.")
        boolean weightRequired,

        @Column(name = "eye_color_required")
        @Schema(required = true, description = "The document must yield the eye colour.")
        boolean eyeColorRequired,

        @Column(name = "hair_color_required")
        @Schema(required = true, description = "The document must yield the hair colour.")
        boolean hairColorRequired,

        @Column(name = "class_required")
        @Schema(required = true, description = "The document must yield the vehicle class.")
        boolean classRequired,

        @Column(name = "mentions_required")
        @Schema(required = true, description = "The document must yield the endorsements.")
        boolean mentionsRequired,

        @Column(name = "restrictions_required")
        @Schema(required = true, description = "The document must yield the restrictions.")
        boolean restrictionsRequired,

        @Column(name = "raw_barcode_required")
        @Schema(required = true, description = "The document must yield the raw content of its barcode (PDF417 on "
                + "the back of an AAMVA card).")
        boolean rawBarcodeRequired,

        @Column(name = "face_encoding_required")
        @Schema(required = true, description = "The document must yield a face embedding of its portrait.")
        boolean faceEncodingRequired) {
}
