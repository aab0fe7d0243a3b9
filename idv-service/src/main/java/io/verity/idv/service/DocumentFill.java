package io.verity.idv.service;

import io.verity.documents.DocumentFields;
import io.verity.documents.decision.DocumentChecks;
import io.verity.documents.decision.DocumentEvidence;
import io.verity.sessions.domain.Document;
import io.verity.idv.domain.Session;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Fills a session's idv.documents row with what was read: each field from the most reliable source that has it
 * (barcode, then MRZ, then the printed zone); {@code data_source} names the first of those. Runs inside the caller's
 * transaction.
 */
@ApplicationScoped
public class DocumentFill {

    public void fill(Session s, DocumentEvidence evidence) {
        DocumentFields f = evidence == null ? null : DocumentChecks.merged(evidence.reading());
        if (f == null) {
            return;
        }
        Document d = Document.<Document>find("sessionId = ?1 and clientId = ?2", s.id, s.clientId).firstResult();
        if (d == null) {
            d = new Document();
            d.id = java.util.UUID.randomUUID();
            d.sessionId = s.id;
            d.clientId = s.clientId;
            d.type = s.documentType == null ? "unknown" : s.documentType;
            d.createdAt = OffsetDateTime.now();
        }
        d.dataSource = f.source().name().toLowerCase(Locale.ROOT);
        d.documentNumber = f.documentNumber();
        d.issuedAt = f.issuedAt();
        d.expiresAt = f.expiresAt();
        d.issuingCountry = f.issuingCountry();
        d.issuingState = f.issuingState();
        d.firstName = f.firstName();
        d.middleName = f.middleName();
        d.lastName = f.lastName();
        d.nameSuffix = f.nameSuffix();
        d.street = f.street();
        d.city = f.city();
        d.state = f.state();
        d.postalCode = f.postalCode();
        d.birthDate = f.birthDate();
        d.gender = f.gender();
        d.height = f.height();
        d.weight = f.weight();
        d.eyeColor = f.eyeColor();
        d.hairColor = f.hairColor();
        d.documentClass = f.documentClass();
        d.restrictions = f.restrictions();
        d.updatedAt = OffsetDateTime.now();
        d.persist();
    }
}
