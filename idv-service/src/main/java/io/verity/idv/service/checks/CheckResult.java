package io.verity.idv.service.checks;

import io.verity.documents.decision.CheckOutcome;
import io.verity.documents.decision.Outcome;
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
        @Schema(description = "A related record (the duplicate identity, the OFAC entry)") String reference,
        @Schema(description = "The reason code a failure gives; null: the check's own (docs/adr/0018)",
                example = "BARCODE_MISMATCH") String code,
        @Schema(description = "How sure the check is of a failure, 0-1", example = "1") double confidence)
        implements Outcome {

    public CheckResult(String name, boolean performed, Boolean passed, boolean failsSession, Double value,
            Double threshold, double weight, String reason, String reference) {
        this(name, performed, passed, failsSession, value, threshold, weight, reason, reference, null, 1);
    }

    public static CheckResult notPerformed(String name, String reason) {
        return new CheckResult(name, false, null, false, null, null, 0, reason, null);
    }

    /** A document check's outcome (libs/documents) as finalization reports it. */
    public static CheckResult of(CheckOutcome o) {
        return new CheckResult(o.name(), o.performed(), o.passed(), o.failsSession(), o.value(), o.threshold(),
                o.weight(), o.reason(), o.reference(), o.code(), o.confidence());
    }
}
