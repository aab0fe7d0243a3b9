package io.verity.weights.service;

import io.quarkus.panache.common.Sort;
import io.verity.platform.error.ProblemException;
import io.verity.platform.web.Paging;
import io.verity.weights.domain.Origin;
import io.verity.weights.domain.SystemDefaults;
import io.verity.weights.domain.WeightValues;
import io.verity.weights.domain.WeightsVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Versions of weights: written as new rows, read back by id, resolved user → client → system defaults. */
@ApplicationScoped
public class WeightsService {

    private static final Logger LOG = Logger.getLogger(WeightsService.class);

    Clock clock = Clock.systemUTC();

    /**
     * The weights in force for a user of a client (or for the client, with a null user): the user's latest version,
     * else the client's latest, else the system defaults, recorded for this client the first time they are served.
     */
    @Transactional
    public WeightsVersion effective(UUID clientId, String userId) {
        Versioning.requireClient(clientId);
        Optional<WeightsVersion> own = userId == null ? Optional.empty()
                : WeightsVersion.latestUpdate(clientId, userId);
        return own.or(() -> WeightsVersion.latestUpdate(clientId, null))
                .orElseGet(() -> recordedDefaults(clientId));
    }

    @Transactional
    public WeightsVersion update(UUID clientId, String userId, WeightValues values, String author) {
        Versioning.requireClient(clientId);
        WeightsVersion version = insert(clientId, userId, Origin.UPDATE, null, author, values);
        LOG.infof("weights version %s written for client %s (%s) by %s", version.id, clientId,
                userId == null ? "client-wide" : "one user", author);
        return version;
    }

    public record Page(List<WeightsVersion> versions, long total) {
    }

    /** The client's versions (or one user's), newest first. */
    public Page versions(UUID clientId, String userId, Paging paging) {
        Versioning.requireClient(clientId);
        var query = userId == null
                ? WeightsVersion.find("clientId = ?1", Sort.descending("seq"), clientId)
                : WeightsVersion.find("clientId = ?1 and userId = ?2", Sort.descending("seq"), clientId, userId);
        List<WeightsVersion> versions = query.range(paging.skip(), paging.skip() + paging.take() - 1).list();
        return new Page(versions, query.count());
    }

    /** Any version of this client; another client's is not found. */
    public WeightsVersion version(UUID clientId, UUID id) {
        return WeightsVersion.ofClient(clientId, id)
                .orElseThrow(() -> ProblemException.notFound("weights version " + id));
    }

    private WeightsVersion recordedDefaults(UUID clientId) {
        String fingerprint = SystemDefaults.fingerprint(SystemDefaults.WEIGHTS);
        return WeightsVersion.recordedDefaults(clientId, fingerprint).orElseGet(() -> {
            Versioning.serialise("weights-defaults:" + clientId);
            return WeightsVersion.recordedDefaults(clientId, fingerprint).orElseGet(() -> insert(clientId, null,
                    Origin.SYSTEM_DEFAULT, fingerprint, Versioning.SYSTEM, SystemDefaults.WEIGHTS));
        });
    }

    private WeightsVersion insert(UUID clientId, String userId, String origin, String fingerprint, String author,
            WeightValues values) {
        WeightsVersion version = new WeightsVersion();
        version.id = UUID.randomUUID();
        version.clientId = clientId;
        version.userId = userId;
        version.origin = origin;
        version.defaultsFingerprint = fingerprint;
        version.createdBy = author;
        version.createdAt = Versioning.now(clock);
        version.values = values;
        version.persist();
        return version;
    }
}
