package io.verity.idv.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReader;
import io.verity.documents.DocumentReading;
import io.verity.documents.decision.DocumentChecks;
import io.verity.documents.decision.DocumentEvidence;
import io.verity.documents.decision.SideEvidence;
import io.verity.documents.dmv.AamvaSimulator;
import io.verity.documents.fraud.ForensicsReport;
import io.verity.documents.fraud.ImageForensics;
import io.verity.documents.fraud.PerceptualHash;
import io.verity.documents.sanctions.SanctionsMatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Gathers a document's evidence once: the reading (when a {@link DocumentReader} is installed), the image forensics
 * and earlier sightings of each side, and the sanctions screening of the name read. The checks and the decision then
 * work from the stored {@link DocumentEvidence} only (docs/adr/0018-one-scoring-step-for-documents.md).
 */
@ApplicationScoped
public class DocumentAnalysis {

    private static final Logger LOG = Logger.getLogger(DocumentAnalysis.class);
    static final String NO_READER = "no document reader is installed in this build";

    @Inject
    Instance<DocumentReader> readers;

    @Inject
    SanctionsList sanctions;

    @Inject
    EntityManager em;

    /**
     * @param sourceId      the session or Kairos request the images belong to (one sighting per source and side)
     * @param back          the back image, or null
     * @param portraitFound whether the matcher found a face on the front
     * @param screen        whether to screen the name against the sanctions list (perform_ofac_test)
     * @param ofacTolerance the weights' ofac_fuzzy_match_tolerance
     * @param aamvaScenario the AAMVA test scenario to verify against (the local DLDV simulator), or null not to ask
     */
    public DocumentEvidence analyze(UUID clientId, UUID sourceId, String documentType, byte[] front, byte[] back,
            boolean portraitFound, boolean screen, double ofacTolerance, String aamvaScenario) {
        DocumentReading reading = null;
        String readerProblem = null;
        if (!readers.isResolvable()) {
            readerProblem = NO_READER;
        } else {
            try {
                reading = readers.get().read(front, back, documentType);
                if (reading == null) {
                    readerProblem = "the document reader had nothing to say about these images";
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "document reader failed on %s", sourceId);
                readerProblem = "the document reader failed on these images";
            }
        }
        List<SideEvidence> sides = new ArrayList<>();
        sides.add(side(clientId, sourceId, "front", front));
        if (back != null) {
            sides.add(side(clientId, sourceId, "back", back));
        }
        DocumentFields merged = DocumentChecks.merged(reading);
        List<SanctionsMatch> matches = null;
        String list = null;
        if (screen && merged != null && (merged.firstName() != null || merged.lastName() != null)) {
            SanctionsList.Loaded loaded = sanctions.current();
            if (loaded != null) {
                matches = loaded.screener().screen(merged.firstName(), merged.middleName(), merged.lastName(),
                        merged.birthDate(), ofacTolerance);
                list = loaded.version();
            }
        }
        java.util.Map<String, Boolean> dmv = null;
        if (aamvaScenario != null && merged != null && AamvaSimulator.category(documentType) != null) {
            dmv = new AamvaSimulator().verify(merged, documentType, aamvaScenario).matches();
        }
        return new DocumentEvidence(documentType, reading, readerProblem, List.copyOf(sides), portraitFound, matches, list,
                dmv, LocalDate.now());
    }

    /** The evidence without the barcode's raw payload (stored only when the requirements ask for it). */
    public static DocumentEvidence withoutRawBarcode(DocumentEvidence e) {
        DocumentReading r = e.reading();
        DocumentReading stripped = new DocumentReading(r.barcode(), null, r.mrz(), r.mrzLines(), r.checkDigits(),
                r.visualZone(), r.ocrText(), r.problems());
        return new DocumentEvidence(e.documentType(), stripped, e.readerProblem(), e.sides(), e.portraitFound(),
                e.sanctions(), e.sanctionsList(), e.dmv(), e.asOf());
    }

    private SideEvidence side(UUID clientId, UUID sourceId, String side, byte[] image) {
        ForensicsReport report;
        try {
            report = ImageForensics.analyze(image);
        } catch (IllegalArgumentException e) {
            return new SideEvidence(side, null, 0, "the " + side + " image could not be decoded for analysis");
        }
        String bits = PerceptualHash.bits(report.perceptualHash());
        int sightings = QuarkusTransaction.joiningExisting().call(() -> {
            Number seen = (Number) em.createNativeQuery("SELECT count(*) FROM idv.document_hashes WHERE source_id <> ?1 "
                    + "AND bit_count(phash # CAST(?2 AS bit(256))) <= ?3")
                    .setParameter(1, sourceId).setParameter(2, bits).setParameter(3, PerceptualHash.SAME_IMAGE_BITS)
                    .getSingleResult();
            em.createNativeQuery("INSERT INTO idv.document_hashes (client_id, source_id, side, phash) "
                    + "VALUES (?1, ?2, ?3, CAST(?4 AS bit(256))) ON CONFLICT (source_id, side) DO NOTHING")
                    .setParameter(1, clientId).setParameter(2, sourceId).setParameter(3, side).setParameter(4, bits)
                    .executeUpdate();
            return seen.intValue();
        });
        return new SideEvidence(side, report, sightings, null);
    }
}
