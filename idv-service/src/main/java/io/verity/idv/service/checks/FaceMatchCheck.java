package io.verity.idv.service.checks;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The selfie against the document's portrait: cosine similarity at least 1 − onboarding_face_encoding_tolerance.
 * Until document reading lands, the portrait is the largest face on the document's front image. A gate.
 */
@ApplicationScoped
public class FaceMatchCheck implements Check {

    @Override
    public String name() {
        return "face_match";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public CheckResult evaluate(CheckContext c) {
        double threshold = 1 - c.weights().onboardingFaceEncodingTolerance();
        if (!c.liveness().documentFace()) {
            return new CheckResult(name(), true, false, true, null, threshold, 1,
                    "no face was found on the document's front image", null);
        }
        Float similarity = c.liveness().selfieDocumentSimilarity();
        if (similarity == null) {
            return new CheckResult(name(), true, false, true, null, threshold, 1, "no face was found in the selfie", null);
        }
        boolean passed = similarity >= threshold;
        return new CheckResult(name(), true, passed, true, (double) similarity, threshold, 1,
                passed ? null : "the selfie does not match the document portrait", null);
    }
}
