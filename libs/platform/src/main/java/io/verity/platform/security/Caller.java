package io.verity.platform.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Who is calling and for which client. Every tenant-scoped query takes its client id from here,
 * never from the request body.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    /** The client this caller acts for; admins must name one (see {@link #clientFor(UUID)}). */
    public UUID clientId() {
        UUID own = identity.getAttribute(Roles.CLIENT_ID_ATTRIBUTE);
        if (own == null) {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            throw new ProblemException(400, "client_id_required", "an administrator must name the client_id to act for");
        }
        return own;
    }

    /**
     * The client a request acts for: admins may name any client; API consumers may only name their own
     * (or none). Naming another client is refused, so a key of one tenant never reaches another.
     */
    public UUID clientFor(UUID requested) {
        if (isOperator() && identity.getAttribute(Roles.CLIENT_ID_ATTRIBUTE) == null) {
            if (requested == null) {
                throw new ProblemException(400, "client_id_required", "an administrator must name the client_id to act for");
            }
            return requested;
        }
        UUID own = clientId();
        if (requested != null && !requested.equals(own)) {
            throw new ProblemException(403, "foreign_client", "client_id does not match the caller's own client",
                    java.util.Map.of("field", "client_id"));
        }
        return own;
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** An administrator or a reviewer: an operator who names the client to act for (what each may do is per endpoint). */
    public boolean isOperator() {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.REVIEWER);
    }

    /** How history and audit name this caller: {@code api_key:<name>} for clients, {@code oidc:<user>} for operators. */
    public String actor() {
        return (isOperator() && identity.getAttribute(Roles.CLIENT_ID_ATTRIBUTE) == null ? "oidc:" : "api_key:") + name();
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
