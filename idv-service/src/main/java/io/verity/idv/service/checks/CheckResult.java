package io.verity.idv.service.checks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A check's outcome: {@code passed} is null when it was not performed (with the reason why). */
@Schema(description = "One check of finalization")
public record CheckResult(
        @Schema(example = "face_match") String name,
        boolean performed,
        @Schema(description = "null when not performed") Boolean passed,
        @Schema(description = "Whether this failure fails the session") boolean failsSession,
        @Schema(description = "What was measured (a similarity, a probability, an age)", example = "0.74") Double value,
        @Schema(description = "The limit it was held against", example = "0.41") Double threshold,
        @Schema(description = "Weight of the check in the score") double weight,
        @Schema(example = "the selfie does not match the document portrait") String reason,
        @Schema(description = "A related record (the duplicate identity)") String reference) {

    public static CheckResult notPerformed(String name, String reason) {
        return new CheckResult(name, false, null, false, null, null, 0, reason, null);
    }
}
