package io.verity.sessions.audit;

import io.verity.platform.web.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Every read of a biometric image or of a document, in {@code core.biometric_reads}: who (the API key), when, which
 * record, and the request id. Written in the reading transaction: no read without its record. Used by idv-service
 * (documentRead, documentDownload) and ida-service (readIdentityImage, readCompletedIdentityDocument).
 */
@ApplicationScoped
public class BiometricAudit {

    @Inject
    EntityManager entityManager;

    @Inject
    RequestIds requestIds;

    @Transactional(Transactional.TxType.MANDATORY)
    public void read(UUID clientId, String actor, String operation, String recordType, UUID recordId, String fileType) {
        entityManager.createNativeQuery("INSERT INTO core.biometric_reads (client_id, actor, operation, record_type, "
                        + "record_id, file_type, request_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, clientId).setParameter(2, actor).setParameter(3, operation).setParameter(4, recordType)
                .setParameter(5, recordId).setParameter(6, fileType).setParameter(7, requestId())
                .executeUpdate();
    }

    private String requestId() {
        try {
            return requestIds.current();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
