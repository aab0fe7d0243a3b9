package io.verity.platform.tenancy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A tenant: a company using Verity. Every customer row elsewhere carries its id. */
@Entity
@Table(schema = "core", name = "clients")
public class Client extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Client create(String name) {
        Client client = new Client();
        client.id = UUID.randomUUID();
        client.name = name;
        client.status = ACTIVE;
        client.createdAt = OffsetDateTime.now();
        client.updatedAt = client.createdAt;
        client.persist();
        return client;
    }

    public static boolean nameTaken(String name) {
        return count("lower(name) = lower(?1)", name) > 0;
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
