package io.verity.identity.rest;

import io.verity.face.Analysis;
import io.verity.face.Face;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of faces. Embeddings are never returned: they are biometric data and stay in the matcher. */
public final class FaceViews {

    private FaceViews() {
    }

    public record BoxView(float x1, float y1, float x2, float y2) {
    }

    public record QualityView(
            @Schema(description = "Shorter side of the face box, pixels") float faceSize,
            @Schema(description = "Variance of the Laplacian of the aligned face; below ~100 is blurred") float sharpness,
            @Schema(description = "Head pose, degrees") Float yaw, Float pitch, Float roll,
            @Schema(description = "Probability that each eye is open") Float leftEyeOpen, Float rightEyeOpen) {
    }

    public record LivenessView(@Schema(description = "Probability that the face is live (passive, one frame)") float score,
            boolean live) {
    }

    public record EstimateView(String value, float probability) {
    }

    public record FaceView(BoxView box, float detectorScore, List<float[]> landmarks, QualityView quality,
            LivenessView liveness, Float age, EstimateView gender, EstimateView expression) {
    }

    public record AnalysisView(int width, int height, int facesSeen, List<FaceView> faces) {
    }

    /** A face's liveness score at or above this is reported as live. */
    public static final float LIVE_AT = 0.5f;

    public static AnalysisView of(Analysis analysis) {
        return new AnalysisView(analysis.width(), analysis.height(), analysis.facesSeen(),
                analysis.faces().stream().map(FaceViews::of).toList());
    }

    public static FaceView of(Face f) {
        List<float[]> points = new ArrayList<>(f.landmarks().length / 2);
        for (int i = 0; i < f.landmarks().length; i += 2) {
            points.add(new float[] {f.landmarks()[i], f.landmarks()[i + 1]});
        }
        Face.Quality q = f.quality();
        Face.Attributes a = f.attributes();
        return new FaceView(new BoxView(f.box().x1(), f.box().y1(), f.box().x2(), f.box().y2()), f.detectorScore(), points,
                new QualityView(q.faceSize(), q.sharpness(), q.yaw(), q.pitch(), q.roll(), q.leftEyeOpen(), q.rightEyeOpen()),
                f.liveness() == null ? null : new LivenessView(f.liveness(), f.liveness() >= LIVE_AT),
                a == null ? null : a.age(),
                a == null ? null : new EstimateView(a.gender(), a.genderProbability()),
                a == null ? null : new EstimateView(a.expression(), a.expressionProbability()));
    }
}
