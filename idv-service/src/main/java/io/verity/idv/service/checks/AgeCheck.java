package io.verity.idv.service.checks;

import io.verity.documents.DocumentFields;
import io.verity.documents.decision.DocumentChecks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;

/**
 * The age estimated from the selfie, when perform_age_test asks for it, against the age the document's birth date
 * gives on the day of the decision: passed when they differ by at most age_tolerance years. Without a birth date read
 * the estimate is recorded and the check is not performed (never passed). Never fails the session (a warning).
 */
@ApplicationScoped
public class AgeCheck implements Check {

    @Override
    public String name() {
        return "age";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public CheckResult evaluate(CheckContext c) {
        if (!Boolean.TRUE.equals(c.settings().performAgeTest())) {
            return CheckResult.notPerformed(name(), "perform_age_test is off");
        }
        Float age = c.liveness().age();
        DocumentFields f = c.document() == null ? null : DocumentChecks.merged(c.document().reading());
        if (age == null || f == null || f.birthDate() == null) {
            return new CheckResult(name(), false, null, false, age == null ? null : (double) age,
                    c.weights().ageTolerance(), c.weights().ageWeight(), age == null ? "no age was estimated from the selfie"
                            : "estimated from the selfie; no birth date read from the document to compare with", null);
        }
        long years = ChronoUnit.YEARS.between(f.birthDate(), c.document().asOf());
        double difference = Math.abs(age - years);
        boolean passed = difference <= c.weights().ageTolerance();
        return new CheckResult(name(), true, passed, false, (double) age, c.weights().ageTolerance(), c.weights().ageWeight(),
                passed ? null : "the selfie looks %.0f, the document's birth date gives %d".formatted(age, years),
                String.valueOf(years));
    }
}
