package io.verity.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Renders a kustomize directory the way an operator does: {@code kubectl kustomize DIR}. */
final class Kustomize {

    /** The module directory (Surefire's {@code basedir}); base/ and overlays/ live under it. */
    static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The rendered YAML stream of {@code dir} (relative to the module), rendered once per test run. */
    static String render(String dir) {
        return RENDERED.computeIfAbsent(dir, Kustomize::run);
    }

    private static String run(String dir) {
        String kubectl = kubectl();
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("kustomize", ".yaml");
            err = Files.createTempFile("kustomize", ".err");
            Process process;
            try {
                process = new ProcessBuilder(List.of(kubectl, "kustomize", MODULE.resolve(dir).toString()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                throw new AssertionError("cannot run '" + kubectl + "': the manifests are validated with"
                        + " `kubectl kustomize` (kubectl 1.27 or newer, which has kustomize built in). Put kubectl"
                        + " on the PATH, or name it with -Dkubectl=/path/to/kubectl or KUBECTL=/path/to/kubectl ("
                        + e.getMessage() + ")", e);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String kubectl() {
        String property = System.getProperty("kubectl");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv("KUBECTL");
        return env != null && !env.isBlank() ? env : "kubectl";
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans up what is left
            }
        }
    }
}
