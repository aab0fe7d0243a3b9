package io.verity.ida.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.verity.ida.config.IdaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Retention (docs/adr/0016): per client, the biometric data of identities verified, and of IDV and IDA sessions
 * created, longer ago than its period ({@code verity.ida.retention.clients."<id>"}, else
 * {@code verity.ida.retention.default-period}; none: kept) is erased, on a schedule, a bounded batch per client and
 * run. An identity keeps its record (marked biometrics_erased_at) and must verify again to authenticate.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    IdaConfig config;

    @Inject
    RetentionClock clock;

    @Inject
    Erasure erasure;

    @Inject
    EntityManager entityManager;

    public record Run(int identities, int idvSessions, int idaSessions) {
    }

    @Scheduled(every = "${verity.ida.retention.every:1h}", delayed = "${verity.ida.retention.delayed:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass over every client with a retention period. */
    public Run run() {
        Map<UUID, Duration> periods = periods();
        int identities = 0;
        int idv = 0;
        int ida = 0;
        OffsetDateTime now = clock.now();
        int batch = config.retention().batch();
        for (Map.Entry<UUID, Duration> e : periods.entrySet()) {
            UUID clientId = e.getKey();
            OffsetDateTime cutoff = now.minus(e.getValue());
            List<UUID> due = ids("SELECT id FROM core.identities WHERE client_id = ?1 AND biometrics_erased_at IS NULL "
                    + "AND coalesce(verified_at, created_at) < ?2 ORDER BY created_at LIMIT ?3", clientId, cutoff, batch);
            for (UUID identityId : due) {
                try {
                    erasure.eraseIdentity(clientId, identityId, Erasure.RETENTION, "retention");
                    identities++;
                } catch (RuntimeException ex) {
                    LOG.errorf("retention: identity %s of client %s not erased (%s); retried next run", identityId,
                            clientId, ex.getMessage());
                }
            }
            List<UUID> idvDue = ids("SELECT id FROM idv.sessions WHERE client_id = ?1 AND biometrics_erased_at IS NULL "
                    + "AND created_at < ?2 ORDER BY created_at LIMIT ?3", clientId, cutoff, batch);
            for (UUID id : idvDue) {
                QuarkusTransaction.requiringNew().run(() -> erasure.eraseIdvSession(clientId, id));
                idv++;
            }
            List<UUID> idaDue = ids("SELECT id FROM ida.sessions WHERE client_id = ?1 AND biometrics_erased_at IS NULL "
                    + "AND created_at < ?2 ORDER BY created_at LIMIT ?3", clientId, cutoff, batch);
            for (UUID id : idaDue) {
                QuarkusTransaction.requiringNew().run(() -> erasure.eraseIdaSession(clientId, id));
                ida++;
            }
        }
        if (identities + idv + ida > 0) {
            LOG.infof("retention erased the biometric data of %d identities, %d IDV and %d IDA sessions", identities, idv, ida);
        }
        return new Run(identities, idv, ida);
    }

    /** Every client's period: its own, else the default for every client. */
    Map<UUID, Duration> periods() {
        Map<UUID, Duration> periods = new LinkedHashMap<>();
        config.retention().defaultPeriod().ifPresent(d -> QuarkusTransaction.requiringNew().call(() ->
                        (List<?>) entityManager.createNativeQuery("SELECT id FROM core.clients").getResultList())
                .forEach(id -> periods.put((UUID) id, d)));
        config.retention().clients().forEach((id, d) -> {
            try {
                periods.put(UUID.fromString(id.strip().toLowerCase(Locale.ROOT)), d);
            } catch (IllegalArgumentException e) {
                LOG.warnf("verity.ida.retention.clients: '%s' is not a client id; ignored", id);
            }
        });
        return periods;
    }

    @SuppressWarnings("unchecked")
    private List<UUID> ids(String sql, UUID clientId, OffsetDateTime cutoff, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(sql).setParameter(1, clientId)
                .setParameter(2, cutoff).setParameter(3, limit).getResultList());
    }
}
