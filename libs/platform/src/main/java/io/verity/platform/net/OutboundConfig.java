package io.verity.platform.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Limits of {@link OutboundHttp}: what callers' URLs may reach, how long it may take and how much it may read. */
@ConfigMapping(prefix = "verity.outbound")
public interface OutboundConfig {

    /**
     * Host names, IP addresses and CIDR ranges that may be reached although they are not public, for example
     * {@code images.internal,10.20.0.0/16} ({@code VERITY_OUTBOUND_ALLOW_LIST}). A host name allows every address it
     * resolves to; an address or range allows what it contains. Empty: only public addresses are reached.
     */
    Optional<List<String>> allowList();

    /** How many redirects a GET follows; each hop is checked like the first URL. */
    @WithDefault("3")
    int maxRedirects();

    /** How long to wait for a TCP connection to be accepted. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** Deadline of a whole call: name lookups, connections, redirects and reading the body. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * How long an idle connection is kept for the next call to the same checked address and host (0 turns keep-alive
     * off). Connections are pooled by the address that was checked, so a host that now resolves elsewhere gets a new
     * connection after a new check. Kept under 5 s, the shortest idle timeout of common servers (Node.js), so that a
     * request is rarely sent on a connection the server is closing.
     */
    @WithDefault("4s")
    Duration keepAlive();

    /** The largest body a GET accepts, in bytes; a larger one is refused while it is read. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /** How much of a POST's response body is kept, in bytes; the rest is not read. */
    @WithDefault("16384")
    int maxPostResponseBytes();
}
