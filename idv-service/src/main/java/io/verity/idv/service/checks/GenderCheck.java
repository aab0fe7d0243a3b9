package io.verity.idv.service.checks;

import io.verity.documents.DocumentFields;
import io.verity.documents.decision.DocumentChecks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * The gender estimated from the selfie, when perform_gender_test asks for it, against the document's: compared only
 * when the estimate is at least gender_probability_tolerance sure and the document gives male or female. Otherwise
 * recorded, not performed. Never fails the session (a warning).
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
        String estimated = c.liveness().gender();
        DocumentFields f = c.document() == null ? null : DocumentChecks.merged(c.document().reading());
        String document = f == null ? null : normalise(f.gender());
        double tolerance = c.weights().genderProbabilityTolerance();
        if (p == null || estimated == null || document == null || p < tolerance) {
            return new CheckResult(name(), false, null, false, p == null ? null : (double) p, tolerance,
                    c.weights().genderWeight(), "estimated " + estimated + " from the selfie; "
                            + (document == null ? "no gender read from the document to compare with"
                                    : "not sure enough to compare"), estimated);
        }
        boolean passed = document.equals(normalise(estimated));
        return new CheckResult(name(), true, passed, false, (double) p, tolerance, c.weights().genderWeight(),
                passed ? null : "the selfie looks " + estimated + ", the document says " + document, estimated);
    }

    /** "male"/"M"/"1" as male, "female"/"F"/"2" as female, anything else null. */
    static String normalise(String gender) {
        if (gender == null) {
            return null;
        }
        String g = gender.strip().toLowerCase(Locale.ROOT);
        return g.equals("m") || g.equals("male") || g.equals("1") ? "male"
                : g.equals("f") || g.equals("female") || g.equals("2") ? "female" : null;
    }
}
