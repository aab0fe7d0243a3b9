package io.verity.idv.service.checks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the selfie's face is already one of the client's verified identities (1:N search in the
 * verified-identities gallery at the onboarding face threshold), and which one. Fails the session unless the
 * finalization settings say {@code duplicate_face_fail: false}.
 */
@ApplicationScoped
public class DuplicateFaceCheck implements Check {

    @Override
    public String name() {
        return "duplicate_face";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public CheckResult evaluate(CheckContext c) {
        double threshold = 1 - c.weights().onboardingFaceEncodingTolerance();
        var candidates = c.liveness().duplicateCandidates();
        boolean fails = c.flag("duplicate_face_fail", true);
        if (candidates.isEmpty()) {
            return new CheckResult(name(), true, true, fails, null, threshold, c.weights().onlineDuplicationWeight(), null, null);
        }
        var best = candidates.get(0);
        return new CheckResult(name(), true, false, fails, (double) best.similarity(), threshold,
                c.weights().onlineDuplicationWeight(), "the face is already verified identity " + best.identityId(),
                best.identityId().toString());
    }
}
