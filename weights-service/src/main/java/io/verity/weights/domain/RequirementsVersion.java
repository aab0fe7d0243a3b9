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

/** One version of the field requirements for a document type and data source. Insert-only, like the weights. */
@Entity
@Immutable
@Table(schema = "weights", name = "requirements_versions")
public class RequirementsVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "user_id")
    public String userId;

    /** The {@code type_e} as the API spells it ({@link io.verity.platform.weights.DocumentType#wire()}). */
    @Column(name = "type_e", nullable = false)
    public String typeE;

    @Column(name = "data_source_e", nullable = false)
    public String dataSourceE;

    @Column(nullable = false)
    public String origin;

    @Column(name = "defaults_fingerprint")
    public String defaultsFingerprint;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Embedded
    public RequirementValues values;

    public static Optional<RequirementsVersion> latestUpdate(UUID clientId, String userId, String typeE,
            String dataSourceE) {
        String scope = "clientId = ?1 and typeE = ?2 and dataSourceE = ?3 and origin = ?4 and ";
        return userId == null
                ? find(scope + "userId is null", Sort.descending("seq"), clientId, typeE, dataSourceE, Origin.UPDATE)
                        .firstResultOptional()
                : find(scope + "userId = ?5", Sort.descending("seq"), clientId, typeE, dataSourceE, Origin.UPDATE,
                        userId).firstResultOptional();
    }

    public static Optional<RequirementsVersion> recordedDefaults(UUID clientId, String typeE, String dataSourceE,
            String fingerprint) {
        return find("clientId = ?1 and typeE = ?2 and dataSourceE = ?3 and origin = ?4 and defaultsFingerprint = ?5",
                clientId, typeE, dataSourceE, Origin.SYSTEM_DEFAULT, fingerprint).firstResultOptional();
    }

    public static Optional<RequirementsVersion> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }
}
