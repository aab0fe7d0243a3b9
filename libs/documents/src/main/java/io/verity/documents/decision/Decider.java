package io.verity.documents.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * The one scoring step: every check's outcome in, the score, the verdict and the reason codes out. Pure: the same
 * outcomes and tolerance always give the same decision.
 *
 * <ul>
 *   <li>A failed check that fails the session is a {@link Severity#REJECT}; any other failed check takes its code's
 *       {@link ReasonCode#softSeverity()}. Checks not performed give nothing (never a pass, never a failure).</li>
 *   <li>{@code score} = weighted share of the passed checks among those performed.</li>
 *   <li>Verified when nothing is rejected and 1 − score ≤ {@code idv_session_tolerance}; a shortfall beyond it adds
 *       a {@link ReasonCode#LOW_SCORE} reject.</li>
 * </ul>
 */
public final class Decider {

    private Decider() {
    }

    public static Decision decide(List<? extends Outcome> outcomes, double sessionTolerance) {
        List<Decision.Detail> details = new ArrayList<>();
        double weightSum = 0;
        double passedSum = 0;
        for (Outcome o : outcomes) {
            if (o.passed() == null) {
                continue;
            }
            weightSum += o.weight();
            if (o.passed()) {
                passedSum += o.weight();
                continue;
            }
            ReasonCode code = o.code() != null ? ReasonCode.valueOf(o.code()) : ReasonCode.forCheck(o.name());
            if (code == null) {
                throw new IllegalArgumentException("check " + o.name() + " has no reason code");
            }
            Severity severity = o.failsSession() ? Severity.REJECT : code.softSeverity();
            details.add(new Decision.Detail(o.name(), code.name(), round(o.confidence()), severity,
                    o.reason() == null ? code.description() : code.description() + " " + capitalised(o.reason()) + "."));
        }
        float score = weightSum == 0 ? 0 : (float) (passedSum / weightSum);
        if (weightSum > 0 && 1 - score > sessionTolerance + 1e-9) {
            details.add(new Decision.Detail("score", ReasonCode.LOW_SCORE.name(), 1, Severity.REJECT,
                    ReasonCode.LOW_SCORE.description() + " Score %.2f, at least %.2f needed.".formatted(score, 1 - sessionTolerance)));
        }
        int reject = (int) details.stream().filter(d -> d.decision() == Severity.REJECT).count();
        int review = (int) details.stream().filter(d -> d.decision() == Severity.REVIEW).count();
        int warning = details.size() - reject - review;
        return new Decision(reject == 0, score, List.copyOf(details), reject, review, warning);
    }

    private static String capitalised(String s) {
        String t = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
