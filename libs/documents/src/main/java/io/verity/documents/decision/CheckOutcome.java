package io.verity.documents.decision;

/** A document check's outcome (see {@link Outcome}). */
public record CheckOutcome(String name, boolean performed, Boolean passed, boolean failsSession, Double value,
        Double threshold, double weight, String reason, String reference, String code, double confidence)
        implements Outcome {

    public static CheckOutcome notPerformed(String name, String reason) {
        return new CheckOutcome(name, false, null, false, null, null, 0, reason, null, null, 1);
    }

    public static CheckOutcome passed(String name, boolean failsSession, Double value, Double threshold, double weight) {
        return new CheckOutcome(name, true, true, failsSession, value, threshold, weight, null, null, null, 1);
    }

    public static CheckOutcome failed(String name, boolean failsSession, Double value, Double threshold, double weight,
            String reason, double confidence) {
        return new CheckOutcome(name, true, false, failsSession, value, threshold, weight, reason, null, null, confidence);
    }

    public CheckOutcome withCode(ReasonCode code) {
        return new CheckOutcome(name, performed, passed, failsSession, value, threshold, weight, reason, reference,
                code.name(), confidence);
    }

    public CheckOutcome withReference(String reference) {
        return new CheckOutcome(name, performed, passed, failsSession, value, threshold, weight, reason, reference, code,
                confidence);
    }
}
