package io.verity.idv.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The spec's session settings; what a session was created without takes the default shown. */
@Schema(description = "What the session collects and checks")
public record SessionSettings(
        @Schema(description = "Error-level analysis and metadata of the document images; default false") Boolean performImageManipulationTest,
        @Schema(description = "Ask the issuing DMV (AAMVA DLDV) about a US licence or ID card: the local simulator answers "
                + "for finalization's aamva_test_scenario (no live connector in this build); default false") Boolean performAamvaTest,
        @Schema(description = "Screen the name read from the document against the OFAC SDN list; default false") Boolean performOfacTest,
        @Schema(description = "Record the caller's IP and its location per capture; default true") Boolean collectIpData,
        @Schema(description = "Record the device's coordinates and their place per capture; default true") Boolean collectLocationData,
        @Schema(description = "Default skip", enumeration = {"skip", "retry"}) String aamvaRetryE,
        @Schema(description = "Estimate the selfie's age; default false") Boolean performAgeTest,
        @Schema(description = "Estimate the selfie's gender; default false") Boolean performGenderTest,
        @Schema(description = "Liveness must pass for the session to be verified; default true") Boolean performLivenessTest) {

    public static final SessionSettings DEFAULTS = new SessionSettings(false, false, false, true, true, "skip", false, false, true);

    /** These settings with every unset value taken from the defaults. */
    public SessionSettings withDefaults() {
        return new SessionSettings(or(performImageManipulationTest, false), or(performAamvaTest, false),
                or(performOfacTest, false), or(collectIpData, true), or(collectLocationData, true),
                aamvaRetryE == null ? "skip" : aamvaRetryE, or(performAgeTest, false), or(performGenderTest, false),
                or(performLivenessTest, true));
    }

    public boolean collectIp() {
        return Boolean.TRUE.equals(collectIpData);
    }

    public boolean collectLocation() {
        return Boolean.TRUE.equals(collectLocationData);
    }

    private static Boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
