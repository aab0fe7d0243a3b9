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
        return context.runBlocking(() -> {
            ApiKeyService.AuthenticatedKey key = apiKeys.authenticate(request.key());
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(key.prefix()))
                    .addRole(Roles.CLIENT)
                    .addAttribute(Roles.CLIENT_ID_ATTRIBUTE, key.clientId())
                    .build();
        });
    }
}
