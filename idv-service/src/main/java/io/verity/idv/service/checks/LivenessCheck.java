package io.verity.idv.service.checks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Liveness as processed: every frame live (passive score at least minimum_liveness_tolerance), the challenge in
 * order, one person, not the document's portrait. A gate when the session's perform_liveness_test is on.
 */
@ApplicationScoped
public class LivenessCheck implements Check {

    @Override
    public String name() {
        return "liveness";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public CheckResult evaluate(CheckContext c) {
        if (!Boolean.TRUE.equals(c.settings().performLivenessTest())) {
            return CheckResult.notPerformed(name(), "perform_liveness_test is off");
        }
        var facts = c.liveness();
        Double lowest = facts.frames().stream().map(f -> f.liveness() == null ? 0.0 : f.liveness().doubleValue())
                .min(Double::compare).orElse(null);
        boolean live = facts.passed() && lowest != null && lowest >= c.weights().minimumLivenessTolerance();
        return new CheckResult(name(), true, live, true, lowest, c.weights().minimumLivenessTolerance(), 1,
                live ? null : String.join("; ", facts.reasons().isEmpty() ? java.util.List.of("not live") : facts.reasons()), null);
    }
}
