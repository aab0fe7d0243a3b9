package io.verity.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.verity.face.pipeline.Embedder;
import io.verity.identity.domain.Event;
import io.verity.identity.domain.Template;
import io.verity.identity.service.GalleryIndexes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thousands of small events in one matcher: 2,000 events of one attendee each fit in a few tens of megabytes of
 * heap (with 32 MiB blocks they needed 64 GiB), and their memory comes back when the attendees are removed.
 */
@QuarkusTest
class GalleryMemoryTest {

    @Inject
    GalleryIndexes indexes;

    @Test
    void twoThousandOneAttendeeEventsFitInTheHeapAndFreeTheirMemoryWhenEmptied() {
        UUID client = UUID.randomUUID();
        Random random = new Random(3);
        GalleryIndexes.Footprint before = indexes.footprint();
        long heapBefore = usedHeap();
        List<Template> added = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Template t = new Template();
            t.id = UUID.randomUUID();
            t.clientId = client;
            t.gallery = Event.galleryOf(UUID.randomUUID());
            t.subjectId = "attendee-" + i;
            float[] v = new float[Embedder.DIMENSIONS];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) random.nextGaussian();
            }
            indexes.added(t, Embedder.normalised(v));
            added.add(t);
        }
        GalleryIndexes.Footprint full = indexes.footprint();
        long heapGrowth = usedHeap() - heapBefore;
        assertThat(full.galleries() - before.galleries()).isEqualTo(2_000);
        assertThat(full.vectorBytes() - before.vectorBytes()).as("vectors of 2,000 one-template galleries")
                .isLessThan(2_000L * 16 * 1024);
        assertThat(heapGrowth).as("heap taken by 2,000 one-attendee events").isLessThan(64L * 1024 * 1024);
        assertThat(indexes.search(client, added.get(7).gallery, new float[Embedder.DIMENSIONS], 1, -1f)).hasSize(1);

        for (Template t : added) {
            indexes.removed(client, t.gallery, t.id);
        }
        GalleryIndexes.Footprint emptied = indexes.footprint();
        assertThat(emptied.galleries()).isEqualTo(before.galleries());
        assertThat(emptied.vectorBytes()).isEqualTo(before.vectorBytes());
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
