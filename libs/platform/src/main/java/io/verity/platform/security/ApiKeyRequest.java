package io.verity.platform.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The credential an API consumer presented in {@code x-api-key}. */
public class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
