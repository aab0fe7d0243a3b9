package io.verity.idv.service.checks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gender estimated from the selfie, when perform_gender_test asks for it; compared with the document's once
 * document reading lands. Until then recorded, not performed.
 */
@ApplicationScoped
public class GenderCheck implements Check {

    @Override
    public String name() {
        return "gender";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public CheckResult evaluate(CheckContext c) {
        if (!Boolean.TRUE.equals(c.settings().performGenderTest())) {
            return CheckResult.notPerformed(name(), "perform_gender_test is off");
        }
        Float p = c.liveness().genderProbability();
        return new CheckResult(name(), false, null, false, p == null ? null : (double) p,
                c.weights().genderProbabilityTolerance(), c.weights().genderWeight(),
                "estimated " + c.liveness().gender() + " from the selfie; no gender read from the document to compare with",
                c.liveness().gender());
    }
}
