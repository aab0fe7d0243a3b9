package io.verity.sessions.sdk;

import java.util.UUID;

/** Where a service writes a refused SDK call into the session's history (its own transaction: the call's rolled back). */
public interface SdkRefusals {

    void refused(UUID clientId, UUID sessionId, String event, String endpoint, String actor, String code);
}
