package io.verity.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "verity.internal")
public interface InternalConfig {

    /**
     * Shared secret of the services ({@code VERITY_INTERNAL_TOKEN}): the local launcher's way in. In Kubernetes the
     * services present projected ServiceAccount tokens instead ({@link #serviceAccounts()}).
     */
    Optional<String> token();

    ServiceAccounts serviceAccounts();

    /**
     * Callers authenticated by a Kubernetes ServiceAccount token (audience: this service), verified by the quarkus-oidc
     * tenant "service-accounts" against the cluster's OIDC issuer (docs/adr/0022-service-account-tokens.md).
     */
    interface ServiceAccounts {

        /** The namespace the calling service accounts live in. */
        @WithDefault("verity")
        String namespace();

        /**
         * The service accounts allowed to call this service's /internal/ endpoints, acting for the client they name
         * in {@code x-verity-client-id}. Any other service account is refused (403).
         */
        Optional<Set<String>> allowed();

        /** Where this service finds its own tokens, one file per audience (the target service's name). */
        Optional<String> tokenDirectory();
    }
}
