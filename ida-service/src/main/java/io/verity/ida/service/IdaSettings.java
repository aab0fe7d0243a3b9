package io.verity.ida.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The spec's IDA session settings: compare the selfie's estimated age and gender with the identity's document. */
public record IdaSettings(
        @Schema(description = "Refuse when the age estimated from the selfie differs from the identity's birth date by "
                + "more than the weights' age_tolerance years", defaultValue = "false") Boolean performAgeTest,
        @Schema(description = "Refuse when the gender estimated from the selfie (with at least the weights' "
                + "gender_probability_tolerance) is not the identity's", defaultValue = "false") Boolean performGenderTest) {

    public static final IdaSettings DEFAULTS = new IdaSettings(false, false);

    public IdaSettings withDefaults() {
        return new IdaSettings(performAgeTest != null && performAgeTest, performGenderTest != null && performGenderTest);
    }
}
