package io.verity.weights.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One version of a client's (or one of its users') weights. Insert-only: a change is a new version. */
@Entity
@Immutable
@Table(schema = "weights", name = "weights_versions")
public class WeightsVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Insertion order, assigned by the database; "latest" means the highest. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    /** The client's own id of one of its users; null for the client-wide version. */
    @Column(name = "user_id")
    public String userId;

    @Column(nullable = false)
    public String origin;

    /** Set on recorded system defaults only: identifies the set of default values. */
    @Column(name = "defaults_fingerprint")
    public String defaultsFingerprint;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Embedded
    public WeightValues values;

    /** The latest version written for exactly this user (or, with a null user, for the client as a whole). */
    public static Optional<WeightsVersion> latestUpdate(UUID clientId, String userId) {
        return userId == null
                ? find("clientId = ?1 and userId is null and origin = ?2", Sort.descending("seq"), clientId,
                        Origin.UPDATE).firstResultOptional()
                : find("clientId = ?1 and userId = ?2 and origin = ?3", Sort.descending("seq"), clientId, userId,
                        Origin.UPDATE).firstResultOptional();
    }

    public static Optional<WeightsVersion> recordedDefaults(UUID clientId, String fingerprint) {
        return find("clientId = ?1 and origin = ?2 and defaultsFingerprint = ?3", clientId, Origin.SYSTEM_DEFAULT,
                fingerprint).firstResultOptional();
    }

    /** A version of this client only: another client's id is as unknown as a made-up one. */
    public static Optional<WeightsVersion> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }
}
