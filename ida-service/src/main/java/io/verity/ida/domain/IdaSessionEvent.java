package io.verity.ida.domain;

import io.verity.sessions.domain.HistoryEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One call on an IDA session, accepted or refused: an entry of the session's history. */
@Entity
@Table(schema = "ida", name = "session_events")
public class IdaSessionEvent extends HistoryEntry {
}
