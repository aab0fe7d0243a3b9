package io.verity.documents.decision;

import java.util.List;

/**
 * The outcome of one scoring step.
 *
 * @param verified     no reject among the details
 * @param score        the weighted share of passed checks among those performed (0–1)
 * @param details      one per failed check, in the order the checks ran
 * @param rejectScore  how many details are rejects
 * @param reviewScore  how many are reviews
 * @param warningScore how many are warnings
 */
public record Decision(boolean verified, float score, List<Detail> details, int rejectScore, int reviewScore,
        int warningScore) {

    /** One reason code, Kairos's {@code decision.details[]} entry. */
    public record Detail(String check, String code, double confidence, Severity decision, String description) {
    }
}
