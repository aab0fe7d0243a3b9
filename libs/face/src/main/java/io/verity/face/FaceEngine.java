package io.verity.face;

import io.verity.face.FaceRefusal.Reason;
import io.verity.face.image.ImageDecoder;
import io.verity.face.image.RgbImage;
import io.verity.face.model.ModelLoader;
import io.verity.face.model.ModelStore;
import io.verity.face.model.OnnxModel;
import io.verity.face.pipeline.Embedder;
import io.verity.face.pipeline.ExpressionModel;
import io.verity.face.pipeline.EyeModel;
import io.verity.face.pipeline.FaceDetector;
import io.verity.face.pipeline.LandmarkModel;
import io.verity.face.pipeline.Landmarks;
import io.verity.face.pipeline.LivenessModel;
import io.verity.face.pipeline.PoseModel;
import io.verity.face.pipeline.SsrNetModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The face pipeline: decode → detect (UltraFace) → 68 landmarks → align (5 points, similarity) → 512-d embedding,
 * for {@link Detail#ENROL} also head pose, and for {@link Detail#FULL} also liveness, pose, eyes, age, gender and
 * expression. Thread-safe; models load once.
 */
public final class FaceEngine implements AutoCloseable {

    /** How much to compute per face: what matching needs, that plus head pose (for {@link #requireEnrollable}), or everything. */
    public enum Detail { MATCH, ENROL, FULL }

    /** Faces analysed per image at most (the best by the subject rule); more cost work without helping any caller. */
    public static final int MAX_FACES_ANALYSED = 5;

    private final FaceEngineConfig config;
    private final ImageDecoder decoder;
    private final List<OnnxModel> models = new ArrayList<>();
    private final FaceDetector detector;
    private final LandmarkModel landmarks;
    private final Embedder embedder;
    private final LivenessModel liveness;
    private final SsrNetModel age;
    private final SsrNetModel gender;
    private final ExpressionModel expression;
    private final PoseModel pose;
    private final EyeModel eyes;

    public FaceEngine(FaceEngineConfig config) {
        this.config = config;
        this.decoder = new ImageDecoder(config.maxImageBytes(), config.maxImagePixels(), config.workingPixels());
        ModelLoader loader = new ModelLoader(ModelStore.open(config.modelsDir()), config.intraOpThreads(), config.provider());
        this.detector = new FaceDetector(load(loader, "fr_detect.onnx", 1, 3, 240, 320), config.minDetectorScore());
        this.landmarks = new LandmarkModel(load(loader, "fr_landmark.onnx", 1, 1, 64, 64));
        this.embedder = new Embedder(load(loader, "fr_feature.onnx", 1, 3, 112, 112));
        this.liveness = new LivenessModel(load(loader, "fr_liveness.onnx", 1, 3, 128, 128));
        this.age = new SsrNetModel(load(loader, "fr_age.onnx", 1, 3, 64, 64), 101);
        this.gender = new SsrNetModel(load(loader, "fr_gender.onnx", 1, 3, 64, 64), 1);
        this.expression = new ExpressionModel(load(loader, "fr_expression.onnx", 1, 3, 224, 224));
        this.pose = new PoseModel(load(loader, "fr_pose.onnx", 1, 3, 224, 224));
        this.eyes = new EyeModel(load(loader, "fr_eye.onnx", 1, 1, 24, 24));
    }

    private OnnxModel load(ModelLoader loader, String file, long... shape) {
        OnnxModel model = loader.load(file, shape);
        models.add(model);
        return model;
    }

    public FaceEngineConfig config() {
        return config;
    }

    /** Every loaded model (the benchmark listens to their inputs). */
    public List<OnnxModel> models() {
        return List.copyOf(models);
    }

    public RgbImage decode(byte[] image) {
        return decoder.decode(image);
    }

    /**
     * The faces of an image that can be matched, the subject first; refuses an image without one ({@code no_face},
     * {@code face_too_small}).
     *
     * <p>Which face is the subject (the one identification, comparison and search use) follows one rule, measured in
     * docs/face-engine.md:
     * <ol>
     *   <li>A detection is a face only if the detector scores it at least {@code minDetectorScore}, its box is at
     *       least {@code minFaceSize} across, and the embedder recognises its aligned crop as a face: the raw
     *       embedding is at least {@code minEmbeddingNorm} long. Background patches and blurred texture that fool the
     *       detector land far from every face (norm 1.4–2.2; real faces 2.8–4.5) and are dropped.</li>
     *   <li>Detections are examined in order of detector score (in steps of 0.01), then size; at most
     *       {@link #MAX_FACES_ANALYSED} are analysed. The faces found are then ranked by how clearly the embedder sees
     *       a face: the raw embedding's length. A blurred background patch or a distant bystander can out-score and
     *       out-size the subject at the detector (a 1.6× blurred face scored 0.999 against the portrait's 0.948 in
     *       {@code SubjectSelectionTest}) but not here (2.7 against 3.5).</li>
     *   <li>When no face is found, or the subject touches the image's edge or is not clearly a face (norm below
     *       {@code CLEAR_FACE_NORM}), the image is searched again on a canvas with a 25% grey margin: the detector was
     *       trained on faces with surroundings and misses or mis-boxes faces that fill the frame (tight crops, face
     *       thumbnails, ID photos). The search whose subject the embedder sees more clearly (the longer raw
     *       embedding) is used. Boxes and points are always given in the original image's pixels.</li>
     * </ol>
     */
    public Analysis analyze(byte[] image, Detail detail) {
        return analyze(decode(image), detail);
    }

    public Analysis analyze(RgbImage image, Detail detail) {
        Search search = search(image, 0);
        if (search.faces().isEmpty() || touchesEdge(search.subject().detection().box(), image)
                || search.subject().embedding().norm() < CLEAR_FACE_NORM) {
            int margin = Math.round(Math.max(image.width(), image.height()) * MARGIN);
            Search padded = search(withMargin(image, margin), margin);
            if (!padded.faces().isEmpty() && (search.faces().isEmpty()
                    || padded.subject().embedding().norm() > search.subject().embedding().norm())) {
                search = padded;
            }
        }
        if (search.faces().isEmpty()) {
            if (search.largestTooSmall() > 0) {
                throw new FaceRefusal(Reason.FACE_TOO_SMALL, String.format(
                        "the largest face is %.0f pixels across; at least %.0f are needed",
                        search.largestTooSmall(), config.minFaceSize()));
            }
            throw new FaceRefusal(Reason.NO_FACE, "no face was found in the image");
        }
        List<Face> faces = new ArrayList<>(search.faces().size());
        for (Candidate candidate : search.faces()) {
            faces.add(face(search.image(), candidate, detail, search.margin()));
        }
        return new Analysis(image.width(), image.height(), faces, Math.max(faces.size(), search.seen()));
    }

    private static final float MARGIN = 0.25f;
    private static final float EDGE = 0.02f;
    private static final float CLEAR_FACE_NORM = 2.8f;

    /** A detection that passed every test, with what matching needs; in the searched image's pixels. */
    private record Candidate(FaceDetector.Detection detection, Landmarks points, Embedder.Embedding embedding) {
    }

    /** The faces found in {@code image} (which may carry a margin), ranked; and the largest one too small to use. */
    private record Search(RgbImage image, int margin, List<Candidate> faces, float largestTooSmall, int seen) {
        Candidate subject() {
            return faces.get(0);
        }
    }

    private Search search(RgbImage image, int margin) {
        List<FaceDetector.Detection> ranked = detector.detect(image).stream()
                .sorted(Comparator.comparingInt((FaceDetector.Detection d) -> (int) (d.score() * 100)).reversed()
                        .thenComparing(Comparator.comparingDouble((FaceDetector.Detection d) -> d.box().area()).reversed()))
                .toList();
        List<Candidate> faces = new ArrayList<>();
        float largestTooSmall = 0;
        int seen = 0;
        for (FaceDetector.Detection detection : ranked) {
            if (detection.box().shortSide() < config.minFaceSize()) {
                largestTooSmall = Math.max(largestTooSmall, detection.box().shortSide());
                continue;
            }
            seen++;
            if (faces.size() == MAX_FACES_ANALYSED) {
                continue; // counted in facesSeen, not analysed
            }
            Landmarks points = landmarks.locate(image, detection.box());
            Embedder.Embedding embedding = embedder.embed(image, points);
            if (embedding.norm() >= config.minEmbeddingNorm()) {
                faces.add(new Candidate(detection, points, embedding));
            }
        }
        faces.sort(Comparator.comparingDouble((Candidate c) -> c.embedding().norm()).reversed());
        return new Search(image, margin, faces, largestTooSmall, seen);
    }

    private static boolean touchesEdge(Box box, RgbImage image) {
        float edge = EDGE * Math.max(image.width(), image.height());
        return box.x1() <= edge || box.y1() <= edge || box.x2() >= image.width() - edge || box.y2() >= image.height() - edge;
    }

    private static RgbImage withMargin(RgbImage image, int margin) {
        int width = image.width() + 2 * margin;
        int height = image.height() + 2 * margin;
        byte[] rgb = new byte[width * height * 3];
        Arrays.fill(rgb, (byte) 127);
        int row = image.width() * 3;
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(image.rgb(), y * row, rgb, ((y + margin) * width + margin) * 3, row);
        }
        return new RgbImage(width, height, rgb);
    }

    private Face face(RgbImage image, Candidate candidate, Detail detail, int margin) {
        Box box = candidate.detection().box();
        Landmarks points = candidate.points();
        Embedder.Embedding embedding = candidate.embedding();
        Box shown = new Box(box.x1() - margin, box.y1() - margin, box.x2() - margin, box.y2() - margin);
        float[] shownPoints = points.xy().clone();
        for (int i = 0; i < shownPoints.length; i++) {
            shownPoints[i] -= margin;
        }
        float score = candidate.detection().score();
        if (detail == Detail.MATCH) {
            return new Face(shown, score, shownPoints,
                    new Face.Quality(box.shortSide(), embedding.sharpness(), embedding.norm(), null, null, null, null, null),
                    null, null, embedding.vector());
        }
        PoseModel.Pose headPose = pose.predict(image, box);
        if (detail == Detail.ENROL) {
            return new Face(shown, score, shownPoints,
                    new Face.Quality(box.shortSide(), embedding.sharpness(), embedding.norm(), headPose.yaw(),
                            headPose.pitch(), headPose.roll(), null, null),
                    null, null, embedding.vector());
        }
        EyeModel.Eyes open = eyes.predict(image, points);
        float maleScore = gender.predict(image, box);
        ExpressionModel.Expression mood = expression.predict(image, box);
        return new Face(shown, score, shownPoints,
                new Face.Quality(box.shortSide(), embedding.sharpness(), embedding.norm(), headPose.yaw(), headPose.pitch(),
                        headPose.roll(), open.leftOpen(), open.rightOpen()),
                liveness.liveProbability(image, box),
                new Face.Attributes(age.predict(image, box), maleScore >= 0.5f ? "male" : "female",
                        maleScore >= 0.5f ? maleScore : 1 - maleScore, mood.label(), mood.probability()),
                embedding.vector());
    }

    /**
     * Refuses a face that would make a template that misses its person: too blurred ({@code face_too_blurred}) or
     * turned too far ({@code face_turned_too_far}). The limits were measured with {@code bin/verity eval-quality}: beyond
     * them the same-person accept rate at the default threshold falls more than 5 points (docs/face-engine.md).
     * The face must have been analysed with {@link Detail#ENROL} or {@link Detail#FULL}.
     */
    public void requireEnrollable(Face face) {
        Face.Quality quality = face.quality();
        if (quality.sharpness() < config.minEnrolSharpness()) {
            throw new FaceRefusal(Reason.FACE_TOO_BLURRED, String.format(
                    "the face is too blurred to enrol (sharpness %.0f, at least %.0f is needed); use a focused photo",
                    quality.sharpness(), config.minEnrolSharpness()));
        }
        if (quality.yaw() == null) {
            throw new IllegalArgumentException("enrolment checks need the head pose: analyse with Detail.ENROL");
        }
        if (Math.abs(quality.yaw()) > config.maxEnrolYaw()) {
            throw new FaceRefusal(Reason.FACE_TURNED_TOO_FAR, String.format(
                    "the face is turned %.0f degrees to the side; at most %.0f is accepted for enrolment, so use a photo"
                            + " facing the camera", Math.abs(quality.yaw()), config.maxEnrolYaw()));
        }
    }

    /** Cosine similarity of two L2-normalised embeddings, in [−1, 1]. */
    public static float similarity(float[] a, float[] b) {
        return Embedder.cosine(a, b);
    }

    @Override
    public void close() {
        for (OnnxModel model : models) {
            model.close();
        }
    }
}
