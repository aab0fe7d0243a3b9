package io.verity.ida.domain;

import io.verity.sessions.domain.StoredFile;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An image of an IDV session (idv-service writes them): ida-service reads them for readIdentityImage and erases them. */
@Entity
@Table(schema = "idv", name = "session_files")
public class IdvSessionFile extends StoredFile {
}
