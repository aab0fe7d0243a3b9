package io.verity.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;

/** Bearer tokens signed by the OIDC test server's key, as Keycloak would issue them. */
public final class AdminTokens {

    private AdminTokens() {
    }

    public static String admin() {
        return withRoles("admin");
    }

    public static String withRoles(String... roles) {
        return Jwt.preferredUserName("operator")
                .groups(Set.of(roles))
                .issuer("https://server.example.com")
                .audience("https://service.example.com")
                .sign();
    }
}
