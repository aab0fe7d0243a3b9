package io.verity.idv.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.verity.platform.security.ApiKeyRequest;
import io.verity.platform.security.Roles;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Kairos's credentials: {@code app-id} is the client id and {@code app-key} one of that client's API keys (the
 * spec's examples also write {@code app_id}/{@code app_key}; both are read). The key is checked like any API key
 * (hashed, cached, revocable); a key of another client than {@code app-id} is refused. Requests without
 * {@code app-key} are left to the other mechanisms.
 */
@ApplicationScoped
public class KairosAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String APP_ID = "app-id";
    public static final String APP_KEY = "app-key";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = header(context.request(), APP_KEY);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        String appId = header(context.request(), APP_ID);
        UUID clientId;
        try {
            clientId = appId == null ? null : UUID.fromString(appId);
        } catch (IllegalArgumentException e) {
            clientId = null;
        }
        if (clientId == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("app-id must be the client id"));
        }
        UUID expected = clientId;
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context))
                .onItem().transform(identity -> {
                    if (!expected.equals(identity.getAttribute(Roles.CLIENT_ID_ATTRIBUTE))) {
                        throw new AuthenticationFailedException("app-key does not belong to app-id");
                    }
                    return identity;
                });
    }

    private static String header(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            value = request.getHeader(name.replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Before the API-key mechanism (2000) and OIDC (1000). */
    @Override
    public int getPriority() {
        return 2100;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, APP_KEY));
    }
}
