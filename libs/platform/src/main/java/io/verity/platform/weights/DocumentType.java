package io.verity.platform.weights;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The vendor spec's {@code type_e} / {@code document_type_e}: which kind of identity document. */
public enum DocumentType {
    @JsonProperty("unknown")
    UNKNOWN,
    @JsonProperty("driver_license")
    DRIVER_LICENSE,
    @JsonProperty("identification_card")
    IDENTIFICATION_CARD,
    @JsonProperty("passport")
    PASSPORT,
    @JsonProperty("passport_card")
    PASSPORT_CARD;

    /** The value as the API spells it, for example {@code driver_license}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type the API value names, or empty for anything else (case matters, as in the spec). */
    public static Optional<DocumentType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(value)).findFirst();
    }
}
