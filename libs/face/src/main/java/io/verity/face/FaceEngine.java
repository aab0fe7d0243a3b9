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
import java.util.Comparator;
import java.util.List;

/**
 * The face pipeline: decode → detect (UltraFace) → 68 landmarks → align (5 points, similarity) → 512-d embedding,
 * and for {@link Detail#FULL} also liveness, pose, eyes, age, gender and expression. Thread-safe; models load once.
 */
public final class FaceEngine implements AutoCloseable {

    /** How much to compute per face: what matching needs, or everything. */
    public enum Detail { MATCH, FULL }

    /** The most faces of one image that are analysed (landmarks, embedding, and in FULL six more models); the rest are only counted. */
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

    /** All usable faces of an image, largest first; refuses an image without one ({@code no_face}, {@code face_too_small}). */
    public Analysis analyze(byte[] image, Detail detail) {
        return analyze(decode(image), detail);
    }

    public Analysis analyze(RgbImage image, Detail detail) {
        List<FaceDetector.Detection> detections = detector.detect(image);
        if (detections.isEmpty()) {
            throw new FaceRefusal(Reason.NO_FACE, "no face was found in the image");
        }
        List<FaceDetector.Detection> usable = detections.stream()
                .filter(d -> d.box().shortSide() >= config.minFaceSize())
                .sorted(Comparator.comparingDouble((FaceDetector.Detection d) -> d.box().area()).reversed())
                .toList();
        if (usable.isEmpty()) {
            float largest = (float) detections.stream().mapToDouble(d -> d.box().shortSide()).max().orElse(0);
            throw new FaceRefusal(Reason.FACE_TOO_SMALL, String.format(
                    "the largest face is %.0f pixels across; at least %.0f are needed", largest, config.minFaceSize()));
        }
        List<Face> faces = new ArrayList<>(Math.min(usable.size(), MAX_FACES_ANALYSED));
        for (FaceDetector.Detection detection : usable.subList(0, Math.min(usable.size(), MAX_FACES_ANALYSED))) {
            faces.add(face(image, detection, detail)); // the N best (here: largest); the rest count in facesSeen
        }
        return new Analysis(image.width(), image.height(), faces, usable.size());
    }

    private Face face(RgbImage image, FaceDetector.Detection detection, Detail detail) {
        Box box = detection.box();
        Landmarks points = landmarks.locate(image, box);
        Embedder.Embedding embedding = embedder.embed(image, points);
        if (detail == Detail.MATCH) {
            return new Face(box, detection.score(), points.xy(),
                    new Face.Quality(box.shortSide(), embedding.sharpness(), null, null, null, null, null),
                    null, null, embedding.vector());
        }
        PoseModel.Pose headPose = pose.predict(image, box);
        EyeModel.Eyes open = eyes.predict(image, points);
        float maleScore = gender.predict(image, box);
        ExpressionModel.Expression mood = expression.predict(image, box);
        return new Face(box, detection.score(), points.xy(),
                new Face.Quality(box.shortSide(), embedding.sharpness(), headPose.yaw(), headPose.pitch(), headPose.roll(),
                        open.leftOpen(), open.rightOpen()),
                liveness.liveProbability(image, box),
                new Face.Attributes(age.predict(image, box), maleScore >= 0.5f ? "male" : "female",
                        maleScore >= 0.5f ? maleScore : 1 - maleScore, mood.label(), mood.probability()),
                embedding.vector());
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
