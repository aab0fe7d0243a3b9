package io.verity.platform.net;

import java.net.InetAddress;
import java.net.URI;

/**
 * A URL that passed {@link DestinationPolicy}: where it points and the one address that was checked and is the only
 * one to connect to.
 *
 * @param url the URL as the caller (or a redirect) gave it
 * @param host the host name or address as the URL writes it, without IPv6 brackets or a trailing dot
 * @param port the port, the scheme's default when the URL names none
 * @param https whether the connection uses TLS
 * @param address the checked address
 */
public record Destination(URI url, String host, int port, boolean https, InetAddress address) {

    /** The request target: path and query as the URL encodes them, never the fragment. */
    public String requestTarget() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The Host header: the URL's host (IPv6 in brackets) and its port unless it is the scheme's default. */
    public String hostHeader() {
        String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (https ? 443 : 80) ? name : name + ":" + port;
    }
}
