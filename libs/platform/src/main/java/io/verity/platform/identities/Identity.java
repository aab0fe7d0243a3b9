package io.verity.platform.identities;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A person a client has verified: what their document said and whether the verification passed. idv-service creates
 * them; identity-service (events, search-by-face) and ida-service read them. Their selfie's face template is in the
 * {@value #GALLERY} gallery with the identity id as subject.
 */
@Entity
@Table(schema = "core", name = "identities")
public class Identity extends PanacheEntityBase {

    /** The face gallery of every client's verified identities. */
    public static final String GALLERY = "verified-identities";

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "external_user_id")
    public String externalUserId;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "middle_name")
    public String middleName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "name_suffix")
    public String nameSuffix;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String gender;

    public String email;

    public String phone;

    @Column(name = "document_type")
    public String documentType;

    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "document_issuing_country")
    public String documentIssuingCountry;

    @Column(name = "document_expires_at")
    public LocalDate documentExpiresAt;

    public String street;

    public String city;

    public String state;

    @Column(name = "postal_code")
    public String postalCode;

    public String country;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "verified_at")
    public OffsetDateTime verifiedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<Identity> ofClient(UUID clientId, UUID id) {
        return find("id = ?1 and clientId = ?2", id, clientId).firstResultOptional();
    }

    /** First, middle and last name as one, or null when the document gave none. */
    public String fullName() {
        String joined = String.join(" ", java.util.stream.Stream.of(firstName, middleName, lastName, nameSuffix)
                .filter(s -> s != null && !s.isBlank()).toList());
        return joined.isEmpty() ? null : joined;
    }
}
