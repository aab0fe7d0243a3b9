package io.verity.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The document an IDV session presented: idv-service writes it (document reading fills the fields), ida-service reads
 * it for the identities it verified.
 */
@Entity
@Table(schema = "idv", name = "documents")
public class Document extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(nullable = false)
    public String type;

    @Column(name = "data_source", nullable = false)
    public String dataSource;

    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "ref_number")
    public String refNumber;

    @Column(name = "issued_at")
    public LocalDate issuedAt;

    @Column(name = "expires_at")
    public LocalDate expiresAt;

    @Column(name = "issuing_country")
    public String issuingCountry;

    @Column(name = "issuing_state")
    public String issuingState;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "middle_name")
    public String middleName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "name_suffix")
    public String nameSuffix;

    public String street;

    public String city;

    public String state;

    @Column(name = "postal_code")
    public String postalCode;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String gender;

    public String height;

    public String weight;

    @Column(name = "eye_color")
    public String eyeColor;

    @Column(name = "hair_color")
    public String hairColor;

    @Column(name = "class")
    public String documentClass;

    public String restrictions;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
