package io.verity.weights.service;

import io.verity.platform.error.ProblemException;
import io.verity.platform.weights.DocumentType;
import io.verity.weights.domain.Origin;
import io.verity.weights.domain.RequirementValues;
import io.verity.weights.domain.RequirementsVersion;
import io.verity.weights.domain.SystemDefaults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Versions of document field requirements, per document type and data source; resolved like the weights. */
@ApplicationScoped
public class RequirementsService {

    private static final Logger LOG = Logger.getLogger(RequirementsService.class);

    Clock clock = Clock.systemUTC();

    /** The requirements in force for one data source and the given type, or every type when none is given. */
    @Transactional
    public List<RequirementsVersion> effective(UUID clientId, String userId, Optional<DocumentType> type,
            String dataSource) {
        Versioning.requireClient(clientId);
        List<DocumentType> types = type.map(List::of).orElseGet(() -> Arrays.asList(DocumentType.values()));
        return types.stream().map(t -> effectiveOne(clientId, userId, t, dataSource)).toList();
    }

    @Transactional
    public RequirementsVersion update(UUID clientId, String userId, DocumentType type, String dataSource,
            RequirementValues values, String author) {
        Versioning.requireClient(clientId);
        RequirementsVersion version = insert(clientId, userId, type, dataSource, Origin.UPDATE, null, author, values);
        LOG.infof("requirements version %s (%s, %s) written for client %s (%s) by %s", version.id, type.wire(),
                dataSource, clientId, userId == null ? "client-wide" : "one user", author);
        return version;
    }

    public RequirementsVersion version(UUID clientId, UUID id) {
        return RequirementsVersion.ofClient(clientId, id)
                .orElseThrow(() -> ProblemException.notFound("requirements version " + id));
    }

    private RequirementsVersion effectiveOne(UUID clientId, String userId, DocumentType type, String dataSource) {
        Optional<RequirementsVersion> own = userId == null ? Optional.empty()
                : RequirementsVersion.latestUpdate(clientId, userId, type.wire(), dataSource);
        return own.or(() -> RequirementsVersion.latestUpdate(clientId, null, type.wire(), dataSource))
                .orElseGet(() -> recordedDefaults(clientId, type, dataSource));
    }

    private RequirementsVersion recordedDefaults(UUID clientId, DocumentType type, String dataSource) {
        RequirementValues defaults = SystemDefaults.requirements(type);
        String fingerprint = SystemDefaults.fingerprint(defaults);
        return RequirementsVersion.recordedDefaults(clientId, type.wire(), dataSource, fingerprint).orElseGet(() -> {
            Versioning.serialise("requirements-defaults:" + clientId);
            return RequirementsVersion.recordedDefaults(clientId, type.wire(), dataSource, fingerprint)
                    .orElseGet(() -> insert(clientId, null, type, dataSource, Origin.SYSTEM_DEFAULT, fingerprint,
                            Versioning.SYSTEM, defaults));
        });
    }

    private RequirementsVersion insert(UUID clientId, String userId, DocumentType type, String dataSource,
            String origin, String fingerprint, String author, RequirementValues values) {
        RequirementsVersion version = new RequirementsVersion();
        version.id = UUID.randomUUID();
        version.clientId = clientId;
        version.userId = userId;
        version.typeE = type.wire();
        version.dataSourceE = dataSource;
        version.origin = origin;
        version.defaultsFingerprint = fingerprint;
        version.createdBy = author;
        version.createdAt = Versioning.now(clock);
        version.values = values;
        version.persist();
        return version;
    }
}
