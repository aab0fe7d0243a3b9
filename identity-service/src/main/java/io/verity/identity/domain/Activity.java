package io.verity.identity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One identification attempt at an event, matched or not: when, what came of it, from which camera or caller. */
@Entity
@Table(schema = "identity", name = "activities")
public class Activity extends PanacheEntityBase {

    public static final String MATCHED = "matched";
    public static final String NO_MATCH = "no_match";
    public static final String REFUSED = "refused";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "attendee_id")
    public UUID attendeeId;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(nullable = false)
    public String result;

    public String reason;

    public Float similarity;

    @Column(name = "faces_seen")
    public Integer facesSeen;

    @Column(nullable = false)
    public String source;

    /** The gate's camera (header X-Camera-Id), when it named one; the key is always in {@code source}. */
    public String camera;

    @Column(name = "request_id")
    public String requestId;

    public static List<Activity> recentOf(UUID clientId, UUID attendeeId, int count) {
        return find("clientId = ?1 and attendeeId = ?2", Sort.descending("occurredAt"), clientId, attendeeId)
                .page(Page.ofSize(count)).list();
    }
}
