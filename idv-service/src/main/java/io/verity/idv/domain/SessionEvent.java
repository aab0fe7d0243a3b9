package io.verity.idv.domain;

import io.verity.sessions.domain.HistoryEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One call on an IDV session, accepted or refused: an entry of the session's history. */
@Entity
@Table(schema = "idv", name = "session_events")
public class SessionEvent extends HistoryEntry {
}
