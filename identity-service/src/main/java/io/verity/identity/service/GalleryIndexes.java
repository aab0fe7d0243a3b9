package io.verity.identity.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.verity.face.index.FlatIndex;
import io.verity.face.pipeline.Embedder;
import io.verity.identity.domain.Template;
import io.verity.platform.crypto.BiometricCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The 1:N indexes, one per (client, gallery), holding the decrypted embeddings in memory. Built from the database at
 * start; afterwards every replica reads the template changes (by {@code version}) every few seconds, so a template
 * enrolled through one replica is searchable on all within that time, and on the enrolling one at once.
 *
 * <p>Versions come from a sequence, so a transaction that took a version earlier may commit later than one that took
 * a higher version. Each poll therefore re-reads an overlap of {@value #OVERLAP} versions below the watermark;
 * templates never change after insertion (only deletion), so re-reading is harmless.
 */
@ApplicationScoped
public class GalleryIndexes {

    private static final Logger LOG = Logger.getLogger(GalleryIndexes.class);
    private static final long OVERLAP = 1_000;
    private static final int BATCH = 5_000;

    /** One search result: the subject, the template that matched best, and the similarity. */
    public record Match(String subjectId, UUID templateId, float similarity) {
    }

    private record GalleryKey(UUID clientId, String gallery) {
    }

    private static final class Gallery {
        final FlatIndex<UUID> index = new FlatIndex<>(Embedder.DIMENSIONS);
        final Map<UUID, String> subjects = new ConcurrentHashMap<>();
    }

    private record Change(UUID id, UUID clientId, String gallery, String subjectId, byte[] embeddingEnc, long version) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    BiometricCipher cipher;

    private final Map<GalleryKey, Gallery> galleries = new ConcurrentHashMap<>();
    private long watermark;

    void onStart(@Observes StartupEvent event) {
        cipher.requireMasterKey();
        rebuild();
    }

    /** Forgets everything and reads every live template from the database (what a fresh replica does). */
    public synchronized void rebuild() {
        long start = System.nanoTime();
        galleries.clear();
        watermark = 0;
        int applied = readChanges(false);
        LOG.infof("gallery indexes built from the database: %d templates in %d galleries in %d ms (watermark %d)",
                applied, galleries.size(), (System.nanoTime() - start) / 1_000_000, watermark);
    }

    /** Applies what other replicas changed since the last poll. */
    @Scheduled(every = "${verity.face.index-refresh:2s}", delayed = "${verity.face.index-refresh:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void refresh() {
        int applied = readChanges(true);
        if (applied > 0) {
            LOG.debugf("applied %d template change(s) from the database (watermark %d)", applied, watermark);
        }
    }

    /** Makes a template this replica just committed searchable at once. */
    public void added(Template template, float[] embedding) {
        Gallery gallery = galleries.computeIfAbsent(new GalleryKey(template.clientId, template.gallery), k -> new Gallery());
        gallery.subjects.put(template.id, template.subjectId);
        gallery.index.put(template.id, embedding);
    }

    public void removed(UUID clientId, String gallery, UUID templateId) {
        remove(new GalleryKey(clientId, gallery), templateId);
    }

    /** Removes a template; a gallery left empty is dropped, so deleted events hold no memory. */
    private boolean remove(GalleryKey key, UUID templateId) {
        boolean[] removed = {false};
        galleries.computeIfPresent(key, (k, g) -> {
            removed[0] = g.index.remove(templateId);
            g.subjects.remove(templateId);
            return g.index.size() == 0 ? null : g;
        });
        return removed[0];
    }

    /** Galleries held in memory, and the heap their vectors take (for the metrics and the memory test). */
    public record Footprint(int galleries, int templates, long vectorBytes) {
    }

    public Footprint footprint() {
        int templates = 0;
        long bytes = 0;
        for (Gallery g : galleries.values()) {
            templates += g.index.size();
            bytes += g.index.vectorBytes();
        }
        return new Footprint(galleries.size(), templates, bytes);
    }

    /** The best {@code k} subjects of a client's gallery with similarity ≥ {@code threshold}, best first. */
    public List<Match> search(UUID clientId, String gallery, float[] embedding, int k, float threshold) {
        Gallery g = galleries.get(new GalleryKey(clientId, gallery));
        if (g == null) {
            return List.of();
        }
        // A subject may have several templates: ask for more than k and keep each subject's best.
        Map<String, Match> best = new LinkedHashMap<>();
        for (FlatIndex.Hit<UUID> hit : g.index.search(embedding, k * 4, threshold)) {
            String subject = g.subjects.get(hit.key());
            if (subject != null && !best.containsKey(subject)) {
                best.put(subject, new Match(subject, hit.key(), hit.similarity()));
            }
        }
        return best.values().stream().limit(k).toList();
    }

    public int size(UUID clientId, String gallery) {
        Gallery g = galleries.get(new GalleryKey(clientId, gallery));
        return g == null ? 0 : g.index.size();
    }

    private int readChanges(boolean withOverlap) {
        int applied = 0;
        boolean overlap = withOverlap;
        while (true) {
            long from = overlap ? Math.max(0, watermark - OVERLAP) : watermark;
            boolean liveOnly = !overlap && watermark == 0;
            List<Change> changes = QuarkusTransaction.requiringNew().call(() -> load(from, liveOnly));
            for (Change change : changes) {
                applied += apply(change) ? 1 : 0;
                watermark = Math.max(watermark, change.version());
            }
            if (changes.size() < BATCH) {
                return applied;
            }
            overlap = false; // a full batch: read on from where it ended
        }
    }

    @SuppressWarnings("unchecked")
    private List<Change> load(long afterVersion, boolean liveOnly) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT id, client_id, gallery, subject_id, embedding_enc, version "
                        + "FROM identity.templates WHERE version > ?1" + (liveOnly ? " AND deleted_at IS NULL" : "")
                        + " ORDER BY version LIMIT " + BATCH)
                .setParameter(1, afterVersion)
                .getResultList();
        List<Change> changes = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            changes.add(new Change((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (byte[]) r[4],
                    ((Number) r[5]).longValue()));
        }
        return changes;
    }

    private boolean apply(Change change) {
        GalleryKey key = new GalleryKey(change.clientId(), change.gallery());
        if (change.embeddingEnc() == null) {
            return remove(key, change.id());
        }
        Gallery g = galleries.computeIfAbsent(key, k -> new Gallery());
        if (g.index.contains(change.id())) {
            return false; // templates never change once stored
        }
        float[] embedding = Embeddings.fromBytes(
                cipher.decrypt(change.clientId(), Template.cipherContext(change.id()), change.embeddingEnc()));
        g.subjects.put(change.id(), change.subjectId());
        g.index.put(change.id(), embedding);
        return true;
    }
}
