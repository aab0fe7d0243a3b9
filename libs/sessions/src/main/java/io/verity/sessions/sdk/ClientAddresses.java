package io.verity.sessions.sdk;


import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address of the device behind an SDK call: the connection's peer, or, when that peer is one of the configured
 * trusted proxies ({@code verity.<service>.sdk.trusted-proxies}), the last address in {@code X-Forwarded-For} that is not
 * itself a trusted proxy. Anyone can write X-Forwarded-For, so it is believed only from a trusted proxy.
 */
@ApplicationScoped
public class ClientAddresses {

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddresses(SdkSettings config) {
        for (String entry : config.trustedProxies().orElse(List.of())) {
            String text = entry.strip();
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("verity.<service>.sdk.trusted-proxies: '" + entry + "' is not an address or CIDR range");
            }
            int bits = slash < 0 ? address.getAddress().length * 8 : Integer.parseInt(text.substring(slash + 1));
            trusted.add(new Range(address.getAddress(), bits));
        }
    }

    public String resolve(String peer, String forwardedFor) {
        InetAddress peerAddress = literal(peer);
        if (peerAddress == null || !isTrusted(peerAddress) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literal(hops[i].strip());
            if (hop == null) {
                return peer; // a garbled header: believe only the connection
            }
            if (!isTrusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer;
    }

    private boolean isTrusted(InetAddress address) {
        byte[] bytes = address.getAddress();
        return trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    /** An IP literal, never a DNS lookup; null for anything else. */
    public static InetAddress literal(String text) {
        if (text == null || text.isBlank() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
