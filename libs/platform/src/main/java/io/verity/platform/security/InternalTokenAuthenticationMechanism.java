package io.verity.platform.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.UUID;

/**
 * Service-to-service calls: {@code x-internal-token} (compared in constant time) plus {@code x-verity-client-id},
 * the client on whose behalf the calling service acts. Only paths under {@code /internal/} accept it.
 */
@ApplicationScoped
public class InternalTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String TOKEN_HEADER = "x-internal-token";
    public static final String CLIENT_HEADER = "x-verity-client-id";

    @Inject
    InternalConfig config;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = context.request().getHeader(TOKEN_HEADER);
        if (token == null || !context.normalizedPath().startsWith("/internal/")) {
            return Uni.createFrom().nullItem();
        }
        String expected = config.token().orElse(null);
        if (expected == null || !MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the internal token is not valid"));
        }
        UUID clientId;
        try {
            clientId = UUID.fromString(String.valueOf(context.request().getHeader(CLIENT_HEADER)));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(CLIENT_HEADER + " must name a client id"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("internal"))
                .addRole(Roles.INTERNAL)
                .addAttribute(Roles.CLIENT_ID_ATTRIBUTE, clientId)
                .build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, TOKEN_HEADER));
    }
}
