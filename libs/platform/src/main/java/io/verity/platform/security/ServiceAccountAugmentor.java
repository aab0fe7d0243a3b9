package io.verity.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a verified Kubernetes ServiceAccount token (quarkus-oidc tenant {@value #TENANT}, audience = this service)
 * into a caller: the service account must be one of {@code verity.internal.service-accounts.allowed} in the
 * configured namespace, and only then is its {@code x-verity-client-id} taken. Any other service account gets an
 * identity without roles, which every /internal/ endpoint refuses (403).
 */
@ApplicationScoped
public class ServiceAccountAugmentor implements SecurityIdentityAugmentor {

    public static final String TENANT = "service-accounts";
    private static final String PREFIX = "system:serviceaccount:";
    private static final Logger LOG = Logger.getLogger(ServiceAccountAugmentor.class);

    @Inject
    InternalConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !TENANT.equals(identity.getAttribute("tenant-id"))) {
            return Uni.createFrom().item(identity);
        }
        String subject = identity.getPrincipal().getName();
        String account = serviceAccount(subject);
        Set<String> allowed = config.serviceAccounts().allowed().orElse(Set.of());
        if (account == null || !allowed.contains(account)) {
            LOG.warnf("service account %s may not call this service's internal endpoints (allowed: %s in namespace %s)",
                    subject, allowed, config.serviceAccounts().namespace());
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(subject)).build());
        }
        RoutingContext request = identity.getAttribute(RoutingContext.class.getName());
        String header = request == null ? null : request.request().getHeader(InternalTokenAuthenticationMechanism.CLIENT_HEADER);
        UUID clientId;
        try {
            clientId = UUID.fromString(String.valueOf(header));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    InternalTokenAuthenticationMechanism.CLIENT_HEADER + " must name a client id"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account))
                .addRole(Roles.INTERNAL)
                .addAttribute(Roles.CLIENT_ID_ATTRIBUTE, clientId)
                .build());
    }

    /** The service account's name if the subject is one in the configured namespace, else null. */
    private String serviceAccount(String subject) {
        String namespace = PREFIX + config.serviceAccounts().namespace() + ":";
        return subject != null && subject.startsWith(namespace) && subject.length() > namespace.length()
                ? subject.substring(namespace.length()) : null;
    }
}
