package io.verity.platform.web;

import io.verity.platform.error.ProblemException;

/**
 * {@code take}/{@code skip} paging as the vendor specs use it, with the {@code meta_counts} block they answer.
 * {@code take} defaults to {@value #DEFAULT_TAKE} and may not exceed {@value #MAX_TAKE}.
 */
public record Paging(int take, int skip) {

    public static final int DEFAULT_TAKE = 20;
    public static final int MAX_TAKE = 100;

    public static Paging of(Integer take, Integer skip) {
        int t = take == null ? DEFAULT_TAKE : take;
        int s = skip == null ? 0 : skip;
        if (t < 1 || t > MAX_TAKE) {
            throw ProblemException.invalidField("take", "must be between 1 and " + MAX_TAKE);
        }
        if (s < 0) {
            throw ProblemException.invalidField("skip", "must not be negative");
        }
        return new Paging(t, s);
    }

    public MetaCounts counts(int returned, long total) {
        return new MetaCounts(take, skip, returned, total);
    }

    /** The spec's {@code meta_counts}: what was asked, how many came back, how many there are. */
    public record MetaCounts(int take, int skip, int response, long total) {
    }
}
