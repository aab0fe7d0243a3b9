package io.verity.webhook.service;

import java.util.List;
import java.util.regex.Pattern;

/** The event types Verity publishes (their payload schemas are in the OpenAPI document's {@code webhooks}). */
public final class EventTypes {

    public static final String TEST = "webhook.test";

    /** What an endpoint's filter may name. */
    public static final List<String> KNOWN = List.of(
            "idv.session.status_changed",
            "idv.session.completed",
            "identity.verified",
            "identification.matched",
            "identification.no_match",
            "ida.session.completed",
            TEST);

    /** The shape of any type the intake accepts, known or not yet (a new service's events need no change here). */
    public static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){1,4}");

    private EventTypes() {
    }
}
