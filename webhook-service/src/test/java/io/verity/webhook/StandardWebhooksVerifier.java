package io.verity.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference Standard Webhooks library (npm {@code standardwebhooks}, installed into target/npm by the build)
 * with node on what a receiver got: the verdict is the library's, not ours.
 */
public final class StandardWebhooksVerifier {

    /** A received delivery and the secret to check it with. */
    public record Item(String secret, Map<String, String> headers, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_MODULES = Path.of("target/npm/node_modules");
    private static final Path SCRIPT = Path.of("src/test/node/verify.cjs");

    private StandardWebhooksVerifier() {
    }

    /** One verdict per item: null when the library accepted it, else its error message. */
    public static List<String> verify(List<Item> items) {
        if (!Files.isDirectory(NODE_MODULES.resolve("standardwebhooks"))) {
            throw new IllegalStateException("npm standardwebhooks is not installed in " + NODE_MODULES.toAbsolutePath()
                    + " (the build's npm-install step puts it there)");
        }
        try {
            ProcessBuilder builder = new ProcessBuilder("node", SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("NODE_PATH", NODE_MODULES.toAbsolutePath().toString());
            Process node = builder.start();
            try (OutputStream in = node.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(items));
            }
            byte[] out = node.getInputStream().readAllBytes();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("node verify.cjs failed: " + new String(out));
            }
            List<String> verdicts = new ArrayList<>();
            for (JsonNode result : JSON.readTree(out)) {
                verdicts.add(result.get("ok").asBoolean() ? null : result.path("error").asText("rejected"));
            }
            return verdicts;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String verify(String secret, Receiver.Request request) {
        return verify(List.of(new Item(secret, request.standardHeaders(), request.body()))).get(0);
    }
}
