package io.verity.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service's own ServiceAccount tokens for calling another service, in Kubernetes: the kubelet writes one projected
 * token per audience (the called service's name) into {@code verity.internal.service-accounts.token-directory} and
 * rotates it well before it expires; a token is read again a minute after it was last read. Without a directory
 * (the local launcher) there are none and callers send the shared internal token.
 */
public final class ServiceTokens {

    private static final Duration REREAD = Duration.ofMinutes(1);

    private record Read(String token, Instant at) {
    }

    private final Optional<Path> directory;
    private final Map<String, Read> read = new ConcurrentHashMap<>();

    public ServiceTokens(Optional<Path> directory) {
        this.directory = directory;
    }

    public static ServiceTokens of(InternalConfig config) {
        return new ServiceTokens(config.serviceAccounts().tokenDirectory().filter(d -> !d.isBlank()).map(Path::of));
    }

    public static ServiceTokens none() {
        return new ServiceTokens(Optional.empty());
    }

    public boolean configured() {
        return directory.isPresent();
    }

    /** The bearer token for calling {@code audience}, if tokens are configured; fails if its file is missing. */
    public Optional<String> bearer(String audience) {
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Read last = read.get(audience);
        if (last == null || last.at().plus(REREAD).isBefore(Instant.now())) {
            Path file = directory.get().resolve(audience);
            try {
                last = new Read(Files.readString(file, StandardCharsets.US_ASCII).strip(), Instant.now());
            } catch (IOException e) {
                throw new UncheckedIOException("no ServiceAccount token for audience " + audience + " at " + file
                        + ": project one into the pod (k8s/README.md, service-to-service calls)", e);
            }
            read.put(audience, last);
        }
        return Optional.of(last.token());
    }
}
