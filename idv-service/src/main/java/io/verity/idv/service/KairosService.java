package io.verity.idv.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.verity.documents.decision.CheckOutcome;
import io.verity.documents.decision.Decider;
import io.verity.documents.decision.Decision;
import io.verity.documents.decision.DocumentChecks;
import io.verity.documents.decision.DocumentEvidence;
import io.verity.documents.decision.Outcome;
import io.verity.documents.decision.ReasonCode;
import io.verity.sessions.matcher.MatcherClient;
import io.verity.idv.config.DocumentsConfig;
import io.verity.idv.domain.KairosRequest;
import io.verity.sessions.blobs.BlobStore;
import io.verity.platform.crypto.BiometricCipher;
import io.verity.platform.error.ProblemException;
import io.verity.platform.weights.Weights;
import io.verity.platform.weights.WeightsClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import io.verity.sessions.images.ImageCheck;

/**
 * Full ID verification (Kairos API): a request's images are stored encrypted and the request queued in PostgreSQL;
 * a worker leases one request at a time ({@code FOR UPDATE SKIP LOCKED}), so queued work survives a restart, a
 * crashed worker's lease runs out and another takes the request over, and replicas share the queue. The decision is
 * the same scoring step as a session's: face match, passive liveness of the selfie and the document checks.
 */
@ApplicationScoped
public class KairosService {

    private static final Logger LOG = Logger.getLogger(KairosService.class);
    public static final List<String> PROFILES = List.of("optimal-v0");

    /** The checked images of a request. */
    public record Images(ImageCheck.Checked selfie, ImageCheck.Checked document, ImageCheck.Checked documentBack) {
    }

    private record Claimed(UUID id, UUID clientId, String selfieKey, String documentKey, String backKey, int attempts,
            String requestId) {
    }

    @Inject
    BlobStore blobs;

    @Inject
    BiometricCipher cipher;

    @Inject
    MatcherClient matcher;

    @Inject
    WeightsClient weightsClient;

    @Inject
    DocumentAnalysis analysis;

    @Inject
    DocumentsConfig config;

    @Inject
    DecisionService decisions;

    @Inject
    EntityManager em;

    /** Stores the images and queues the request; answers its id. */
    public UUID submit(UUID clientId, Images images, String profile, String requestId) {
        UUID id = UUID.randomUUID();
        String prefix = "kairos/" + id + "/";
        List<String> written = new ArrayList<>();
        try {
            String selfie = put(clientId, prefix + "selfie", images.selfie(), written);
            String document = put(clientId, prefix + "document", images.document(), written);
            String back = images.documentBack() == null ? null : put(clientId, prefix + "document_back", images.documentBack(), written);
            QuarkusTransaction.requiringNew().run(() -> {
                KairosRequest r = new KairosRequest();
                r.id = id;
                r.clientId = clientId;
                r.profile = profile;
                r.status = KairosRequest.QUEUED;
                r.selfieKey = selfie;
                r.documentKey = document;
                r.documentBackKey = back;
                r.requestedAt = OffsetDateTime.now();
                r.requestId = requestId;
                r.persist();
            });
        } catch (RuntimeException e) {
            written.forEach(key -> blobs.delete(clientId, key));
            throw e;
        }
        LOG.infof("kairos request %s queued for client %s", id, clientId);
        return id;
    }

    private String put(UUID clientId, String key, ImageCheck.Checked image, List<String> written) {
        // the PostgreSQL blob store writes in the caller's transaction: give it its own
        QuarkusTransaction.requiringNew().run(() -> blobs.put(clientId, key, cipher.encrypt(clientId, key, image.bytes())));
        written.add(key);
        return key;
    }

    /** Works through the queue: one request at a time, until it is empty or a request fails. */
    @Scheduled(every = "${verity.documents.kairos.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        for (int i = 0; i < 50; i++) {
            Claimed claimed = claim();
            if (claimed == null) {
                return;
            }
            process(claimed);
        }
    }

    /** Processes one request now (the worker's step; tests call it). True when one was processed. */
    public boolean processNext() {
        Claimed claimed = claim();
        if (claimed == null) {
            return false;
        }
        process(claimed);
        return true;
    }

    private Claimed claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("SELECT id FROM idv.kairos_requests WHERE status = 'queued' "
                    + "OR (status = 'processing' AND lease_until < now()) ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                    UUID.class).getResultList();
            if (ids.isEmpty()) {
                return null;
            }
            KairosRequest r = em.find(KairosRequest.class, ids.get(0));
            if (r.attempts >= config.kairos().maxAttempts()) {
                fail(r, "processing failed " + r.attempts + " times");
                return null;
            }
            r.status = KairosRequest.PROCESSING;
            r.attempts++;
            r.leaseUntil = OffsetDateTime.now().plus(config.kairos().lease());
            return new Claimed(r.id, r.clientId, r.selfieKey, r.documentKey, r.documentBackKey, r.attempts, r.requestId);
        });
    }

    private void process(Claimed c) {
        // the worker's log lines carry the request id of the POST that queued the request
        org.jboss.logging.MDC.put("requestId", c.requestId() == null ? "kairos-" + c.id() : c.requestId());
        try {
            decideAndStore(c);
        } finally {
            org.jboss.logging.MDC.remove("requestId");
        }
    }

    private void decideAndStore(Claimed c) {
        KairosData data;
        try {
            data = decide(c);
        } catch (RuntimeException e) {
            boolean retry = c.attempts() < config.kairos().maxAttempts();
            LOG.errorf("kairos request %s: attempt %d failed (%s)%s", c.id(), c.attempts(),
                    e instanceof ProblemException p ? p.getMessage() : e.getClass().getSimpleName(),
                    retry ? "; queued again" : "; given up");
            if (!(e instanceof ProblemException)) {
                LOG.debug("kairos failure", e);
            }
            QuarkusTransaction.requiringNew().run(() -> {
                KairosRequest r = em.find(KairosRequest.class, c.id());
                if (r == null) {
                    return;
                }
                if (retry) {
                    r.status = KairosRequest.QUEUED;
                    r.leaseUntil = null;
                } else {
                    fail(r, "the images could not be processed");
                }
            });
            return;
        }
        String result = decisions.write(data);
        QuarkusTransaction.requiringNew().run(() -> {
            KairosRequest r = em.find(KairosRequest.class, c.id());
            if (r == null) {
                return; // deleted with its client meanwhile
            }
            r.status = KairosRequest.DONE;
            r.result = result;
            r.processedAt = OffsetDateTime.now(ZoneOffset.UTC);
            r.leaseUntil = null;
        });
        LOG.infof("kairos request %s decided: %s", c.id(), data.decision().details().stream().map(d -> d.code() + "/"
                + d.decision()).toList());
    }

    private void fail(KairosRequest r, String error) {
        r.status = KairosRequest.FAILED;
        r.error = error;
        r.processedAt = OffsetDateTime.now(ZoneOffset.UTC);
        r.leaseUntil = null;
    }

    private KairosData decide(Claimed c) {
        byte[] selfie = read(c.clientId(), c.selfieKey());
        byte[] document = read(c.clientId(), c.documentKey());
        byte[] back = c.backKey() == null ? null : read(c.clientId(), c.backKey());
        Weights weights = weightsClient.weights(c.clientId(), null);
        MatcherClient.FaceSet faces = matcher.analyzeSet(c.clientId(), List.of(selfie, document), null, null, 0);
        MatcherClient.FaceResult selfieFace = faces.faces().get(0);
        MatcherClient.FaceResult documentFace = faces.faces().get(1);
        Float similarity = faces.similarity(0, 1);
        DocumentEvidence evidence = analysis.analyze(c.clientId(), c.id(), "unknown", document, back,
                documentFace.hasFace(), true, weights.ofacFuzzyMatchTolerance(), null);
        List<Outcome> outcomes = new ArrayList<>();
        double matchThreshold = 1 - weights.onboardingFaceEncodingTolerance();
        if (similarity == null) {
            outcomes.add(CheckOutcome.failed("face_match", true, null, matchThreshold, 1, !selfieFace.hasFace()
                    ? "no face was found in the selfie" : "no face was found on the document", 1));
        } else if (similarity >= matchThreshold) {
            outcomes.add(CheckOutcome.passed("face_match", true, (double) similarity, matchThreshold, 1));
        } else {
            outcomes.add(CheckOutcome.failed("face_match", true, (double) similarity, matchThreshold, 1,
                    "threshold failed: %.4f (actual) < %.2f".formatted(similarity, matchThreshold), 1)
                    .withCode(ReasonCode.FAILED_FACE_MATCH));
        }
        Float live = selfieFace.liveness();
        double minimum = weights.minimumLivenessTolerance();
        outcomes.add(live == null ? CheckOutcome.notPerformed("liveness", "no face was found in the selfie")
                : live >= minimum ? CheckOutcome.passed("liveness", true, (double) live, minimum, 1)
                : CheckOutcome.failed("liveness", true, (double) live, minimum, 1,
                        "passive liveness %.3f < %.2f".formatted(live, minimum), Math.min(1, 0.5 + (minimum - live))));
        outcomes.addAll(DocumentChecks.evaluate(evidence, DecisionService.policy(weights, "unknown", null, Map.of(), List.of())));
        Decision decision = Decider.decide(outcomes, weights.idvSessionTolerance());
        int[] selfieSize = size(selfie);
        int[] documentSize = size(document);
        return new KairosData(
                new KairosData.Biometric(new KairosData.FaceData(documentSize[0], documentSize[1], documentFace.facesSeen(), null),
                        similarity == null ? null : Math.round(similarity * 10000) / 10000.0,
                        new KairosData.FaceData(selfieSize[0], selfieSize[1], selfieFace.facesSeen(),
                                live == null ? null : Math.round(live * 10000) / 10000.0)),
                KairosData.DecisionData.of(decision),
                KairosData.DocumentData.of(DocumentChecks.merged(evidence.reading()), "unknown", LocalDate.now(ZoneOffset.UTC)));
    }

    private byte[] read(UUID clientId, String key) {
        byte[] sealed = QuarkusTransaction.requiringNew().call(() -> blobs.get(clientId, key))
                .orElseThrow(() -> new ProblemException(500, "image_missing", "a stored image of the request is missing"));
        return cipher.decrypt(clientId, key, sealed);
    }

    private static int[] size(byte[] image) {
        try (var in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(image))) {
            var readers = javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new int[] {0, 0};
            }
            var reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (java.io.IOException e) {
            return new int[] {0, 0};
        }
    }
}
