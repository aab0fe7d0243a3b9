package io.verity.idv.domain;

import io.verity.sessions.domain.CapturePlace;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;

/** Where a capture (front, back, selfie) was made: the caller's IP and its place, the device's coordinates and theirs. */
@Entity
@Table(schema = "idv", name = "captures")
@IdClass(Capture.Key.class)
public class Capture extends CapturePlace {

    public record Key(UUID sessionId, String captureType) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Id
    @Column(name = "capture_type")
    public String captureType;
}
