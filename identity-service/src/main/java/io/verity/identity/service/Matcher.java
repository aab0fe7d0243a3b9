package io.verity.identity.service;

import io.quarkus.runtime.Startup;
import io.verity.face.Analysis;
import io.verity.face.Face;
import io.verity.face.FaceEngine;
import io.verity.face.FaceRefusal;
import io.verity.identity.config.FaceConfig;
import io.verity.platform.error.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The face engine as identity-service uses it: loaded once at start-up (a missing or altered model stops the
 * service), admission-controlled so a burst of callers queues briefly instead of overloading the CPU, and with the
 * engine's refusals turned into problem answers (415, 413, 422).
 */
@Startup
@ApplicationScoped
public class Matcher {

    private static final Logger LOG = Logger.getLogger(Matcher.class);

    private final FaceEngine engine;
    private final Semaphore slots;
    private final long waitMillis;

    private final ClientLimits limits;

    public Matcher(FaceConfig config, ClientLimits limits) {
        this.limits = limits;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("identity-service scans face galleries with the Vector API: "
                    + "start the JVM with --add-modules jdk.incubator.vector");
        }
        long start = System.nanoTime();
        this.engine = new FaceEngine(config.engineConfig());
        this.slots = new Semaphore(config.maxConcurrentAnalyses(), true);
        this.waitMillis = config.admissionWait().toMillis();
        LOG.infof("face engine ready in %d ms: models %s, %s provider, %d intra-op thread(s), match threshold %.2f",
                (System.nanoTime() - start) / 1_000_000, engine.config().modelsDir(), engine.config().provider(),
                engine.config().intraOpThreads(), engine.config().matchThreshold());
    }

    /**
     * Analyses an image for a client: first the client's own share ({@link ClientLimits}, 429 when used up), then one
     * of the shared slots (waiting up to {@code admission-wait}, then 503).
     */
    public Analysis analyze(UUID clientId, byte[] image, FaceEngine.Detail detail) {
        try (ClientLimits.Permit share = limits.analysis(clientId)) {
            return analyzeInSlot(image, detail);
        }
    }

    private Analysis analyzeInSlot(byte[] image, FaceEngine.Detail detail) {
        boolean admitted;
        try {
            admitted = slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!admitted) {
            throw busy();
        }
        try {
            return engine.analyze(image, detail);
        } catch (FaceRefusal refusal) {
            throw asProblem(refusal);
        } finally {
            slots.release();
        }
    }

    /** The only face of the image, for enrolment: several faces make it ambiguous ({@code multiple_faces}). */
    public Face analyzeSingle(UUID clientId, byte[] image, FaceEngine.Detail detail) {
        Analysis analysis = analyze(clientId, image, detail);
        try {
            return analysis.single();
        } catch (FaceRefusal refusal) {
            throw asProblem(refusal);
        }
    }

    /** The one face of an enrolment photo, refused when it would make a poor template (blurred, turned away). */
    public Face analyzeForEnrolment(UUID clientId, byte[] image) {
        Face face = analyzeSingle(clientId, image, FaceEngine.Detail.ENROL);
        try {
            engine.requireEnrollable(face);
        } catch (FaceRefusal refusal) {
            throw asProblem(refusal);
        }
        return face;
    }

    /**
     * Why this face would be refused for enrolment ({@code face_too_blurred}, {@code face_turned_too_far}), or null when
     * it can be enrolled. The face needs its head pose (analysed with ENROL or FULL detail).
     */
    public String enrolmentRefusal(Face face) {
        try {
            engine.requireEnrollable(face);
            return null;
        } catch (FaceRefusal refusal) {
            return refusal.reason().code();
        }
    }

    /** The default cosine-similarity threshold for "same person". */
    public float defaultThreshold() {
        return engine.config().matchThreshold();
    }

    public static float similarity(float[] a, float[] b) {
        return FaceEngine.similarity(a, b);
    }

    static ProblemException asProblem(FaceRefusal refusal) {
        int status = switch (refusal.reason()) {
            case UNSUPPORTED_FORMAT -> 415;
            case TOO_LARGE -> 413;
            case NO_FACE, FACE_TOO_SMALL, MULTIPLE_FACES, FACE_TOO_BLURRED, FACE_TURNED_TOO_FAR -> 422;
        };
        return new ProblemException(status, refusal.reason().code(), refusal.getMessage());
    }

    private static ProblemException busy() {
        return new ProblemException(503, "busy", "every face-analysis slot is taken; retry in a moment");
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
