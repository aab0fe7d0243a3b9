package io.verity.ida.domain;

import io.verity.sessions.domain.StoredFile;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A frame of an IDA session (liveness_passive, liveness_active_step_N, selfie). */
@Entity
@Table(schema = "ida", name = "session_files")
public class IdaSessionFile extends StoredFile {
}
