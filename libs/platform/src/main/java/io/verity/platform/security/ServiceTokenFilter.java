package io.verity.platform.security;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Puts this service's ServiceAccount token for {@code audience} on every call of a REST client, in place of the
 * shared internal token, when {@link ServiceTokens} are configured; changes nothing otherwise.
 */
public final class ServiceTokenFilter implements ClientRequestFilter {

    private final ServiceTokens tokens;
    private final String audience;

    public ServiceTokenFilter(ServiceTokens tokens, String audience) {
        this.tokens = tokens;
        this.audience = audience;
    }

    @Override
    public void filter(ClientRequestContext request) {
        tokens.bearer(audience).ifPresent(token -> {
            request.getHeaders().remove(InternalTokenAuthenticationMechanism.TOKEN_HEADER);
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        });
    }
}
