package io.verity.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.verity.platform.tenancy.ApiKeyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns a valid API key into a caller with role {@code client}, acting for the key's client. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    @Inject
    ApiKeyService apiKeys;

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        try {
            // A key checked within the cache time is answered here; only a miss needs the database (a worker thread).
            return apiKeys.authenticateFromCache(request.key())
                    .map(key -> Uni.createFrom().item(identity(key)))
                    .orElseGet(() -> context.runBlocking(() -> identity(apiKeys.authenticate(request.key()))));
        } catch (RuntimeException refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    private static SecurityIdentity identity(ApiKeyService.AuthenticatedKey key) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.prefix()))
                .addRole(Roles.CLIENT)
                .addAttribute(Roles.CLIENT_ID_ATTRIBUTE, key.clientId())
                .build();
    }
}
