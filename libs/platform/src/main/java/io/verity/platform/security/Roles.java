package io.verity.platform.security;

/** The roles every Verity endpoint is guarded by ({@code quarkus.security.jaxrs.deny-unannotated-endpoints=true}). */
public final class Roles {

    /** An API consumer authenticated by {@code x-api-key}; acts for exactly one client. */
    public static final String CLIENT = "client";
    /** An operator authenticated by an OIDC bearer token carrying this role. */
    public static final String ADMIN = "admin";
    /**
     * An operator (OIDC token with this role) who reads sessions and identities of any client it names, and approves
     * or rejects sessions in review; nothing else.
     */
    public static final String REVIEWER = "reviewer";
    /** Another Verity service, authenticated by the internal token, acting for the client it names. */
    public static final String INTERNAL = "internal";

    /** SecurityIdentity attribute holding the UUID of the client a caller acts for. */
    public static final String CLIENT_ID_ATTRIBUTE = "verity.client-id";

    private Roles() {
    }
}
