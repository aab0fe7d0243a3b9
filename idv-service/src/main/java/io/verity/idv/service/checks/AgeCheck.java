package io.verity.idv.service.checks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The age estimated from the selfie, when perform_age_test asks for it. Comparing it with the document's birth date
 * needs document reading: until then the estimate is recorded and the check is not performed (never passed).
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
        return new CheckResult(name(), false, null, false, age == null ? null : (double) age, c.weights().ageTolerance(),
                c.weights().ageWeight(), "estimated from the selfie; no birth date read from the document to compare with", null);
    }
}
