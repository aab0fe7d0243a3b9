package io.verity.ida.domain;

import io.verity.sessions.domain.CapturePlace;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Where an IDA session's selfie was captured (its one capture type, selfie_image_capture). */
@Entity
@Table(schema = "ida", name = "captures")
public class IdaCapture extends CapturePlace {

    public static final String SELFIE = "selfie_image_capture";

    @Id
    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "capture_type", nullable = false)
    public String captureType = SELFIE;
}
