package io.verity.identity.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person registered for an event: who they are, their face template in the event's gallery, their QR id. */
@Entity
@Table(schema = "identity", name = "attendees")
public class Attendee extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "user_id")
    public String userId;

    public String email;

    public String name;

    public String phone;

    @Column(name = "country_code")
    public String countryCode;

    /** The verified identity this attendee was registered from, if any (its KYC data is in the record). */
    @Column(name = "identity_id")
    public UUID identityId;

    @Column(name = "template_id")
    public UUID templateId;

    @Column(name = "qr_id", nullable = false)
    public String qrId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String metadata;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public static Optional<Attendee> ofEvent(UUID clientId, UUID eventId, UUID id) {
        return find("id = ?1 and clientId = ?2 and eventId = ?3", id, clientId, eventId).firstResultOptional();
    }
}
