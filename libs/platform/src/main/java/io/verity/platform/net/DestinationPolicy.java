package io.verity.platform.net;

import static io.verity.platform.net.OutboundRefusedException.Reason.DESTINATION_NOT_ALLOWED;
import static io.verity.platform.net.OutboundRefusedException.Reason.HOST_UNRESOLVABLE;
import static io.verity.platform.net.OutboundRefusedException.Reason.INVALID_URL;
import static io.verity.platform.net.OutboundRefusedException.Reason.SCHEME_NOT_ALLOWED;
import static io.verity.platform.net.OutboundRefusedException.Reason.TIMEOUT;
import static io.verity.platform.net.OutboundRefusedException.Reason.USERINFO_NOT_ALLOWED;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The rules a caller's URL must pass before anything connects to it: http or https, no user credentials, a host and a
 * valid port, and a host whose every resolved address is public or on the operator's allow-list.
 *
 * <p>{@link #check} resolves the host once and returns the address it checked; connecting to exactly that address is
 * what makes the check hold (a second lookup could answer differently: DNS rebinding).
 */
public final class DestinationPolicy {

    /** Resolves a host name to all its addresses; IP literals resolve to themselves. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    // Lookups block in the JDK resolver with its own timeouts; a virtual thread lets the deadline win.
    private static final ExecutorService LOOKUPS = Executors.newVirtualThreadPerTaskExecutor();

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedRanges;
    private final HostResolver resolver;

    /**
     * @param allowList host names, IP addresses and CIDR ranges that may be reached although not public
     * @throws IllegalArgumentException naming an entry that is none of these
     */
    public DestinationPolicy(List<String> allowList) {
        this(allowList, InetAddress::getAllByName);
    }

    DestinationPolicy(List<String> allowList, HostResolver resolver) {
        List<String> hosts = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String entry : allowList) {
            String normalized = entry.trim().toLowerCase(Locale.ROOT);
            if (normalized.isEmpty()) {
                continue;
            }
            try {
                ranges.add(Cidr.parse(normalized));
            } catch (IllegalArgumentException notAnAddress) {
                if (!HOST_NAME.matcher(withoutTrailingDot(normalized)).matches()) {
                    throw new IllegalArgumentException("verity.outbound.allow-list: '" + entry
                            + "' is neither a host name, an IP address nor a CIDR range", notAnAddress);
                }
                hosts.add(withoutTrailingDot(normalized));
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedRanges = List.copyOf(ranges);
        this.resolver = resolver;
    }

    /**
     * Parses a URL a caller sent.
     *
     * @param field the caller's name for it, used in the refusal's message
     * @throws OutboundRefusedException {@code invalid_url} if it is not a URL
     */
    public static URI parse(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new OutboundRefusedException(INVALID_URL, field, field + " is missing");
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new OutboundRefusedException(INVALID_URL, field, field + " is not a valid URL: " + e.getReason());
        }
    }

    /**
     * Checks a URL and resolves its host within {@code timeLimit}.
     *
     * @param field the caller's name for the URL, used in the refusal's message
     * @return the destination with the one checked address to connect to
     * @throws OutboundRefusedException if any rule refuses it
     */
    public Destination check(URI url, String field, Duration timeLimit) {
        return check(url, field, field, timeLimit);
    }

    /** As {@link #check(URI, String, Duration)}; {@code hop} names the URL in messages ("image_url (redirect 1)"). */
    Destination check(URI url, String field, String hop, Duration timeLimit) {
        String scheme = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null) {
            throw new OutboundRefusedException(INVALID_URL, field, hop + " is not an absolute URL (http:// or https://)");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new OutboundRefusedException(SCHEME_NOT_ALLOWED, field,
                    hop + " uses the scheme '" + scheme + "'; only http and https URLs are fetched");
        }
        if (url.getRawAuthority() != null && url.getRawAuthority().contains("@")) {
            throw new OutboundRefusedException(USERINFO_NOT_ALLOWED, field,
                    hop + " carries user credentials before the host; send the URL without them");
        }
        if (url.getHost() == null) {
            throw new OutboundRefusedException(INVALID_URL, field, hop + " has no valid host name");
        }
        boolean https = scheme.equals("https");
        int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
        if (port < 1 || port > 65535) {
            throw new OutboundRefusedException(INVALID_URL, field, hop + " names port " + port + ", outside 1-65535");
        }
        String host = withoutTrailingDot(bare(url.getHost()));
        InetAddress[] addresses = resolve(host, field, hop, timeLimit);
        for (InetAddress address : addresses) {
            if (isAllowListed(host, address)) {
                continue;
            }
            Optional<String> why = AddressClassifier.whyNotPublic(address);
            if (why.isPresent()) {
                String text = NetUtil.toAddressString(address);
                String where = isLiteral(host) ? hop + " points to " + text
                        : hop + " host '" + host + "' resolves to " + text;
                throw new OutboundRefusedException(DESTINATION_NOT_ALLOWED, field,
                        where + ", " + why.get() + "; only public addresses are fetched");
            }
        }
        return new Destination(url, host, port, https, addresses[0]);
    }

    private boolean isAllowListed(String host, InetAddress address) {
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        byte[] bytes = address.getAddress();
        return allowedRanges.stream().anyMatch(range -> range.contains(bytes));
    }

    private InetAddress[] resolve(String host, String field, String hop, Duration timeLimit) {
        Future<InetAddress[]> lookup = LOOKUPS.submit(() -> resolver.resolve(host));
        InetAddress[] addresses;
        try {
            addresses = lookup.get(Math.max(0, timeLimit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unresolvable(host, field, hop, e.getCause());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new OutboundRefusedException(TIMEOUT, field, hop + ": looking up the host '" + host
                    + "' did not finish within the time left", e);
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while looking up " + host);
        }
        if (addresses.length == 0) {
            throw unresolvable(host, field, hop, null);
        }
        return addresses;
    }

    private static OutboundRefusedException unresolvable(String host, String field, String hop, Throwable cause) {
        return new OutboundRefusedException(HOST_UNRESOLVABLE, field,
                hop + " names the host '" + host + "', which does not resolve", cause);
    }

    private static boolean isLiteral(String host) {
        try {
            Cidr.literal(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
