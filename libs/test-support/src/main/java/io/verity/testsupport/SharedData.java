package io.verity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's real test photos and documents, in ../shared/data (surefire passes the folder as verity.shared.dir). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("verity.shared.dir", "../../shared")).resolve("data");
    }

    public static Path facePath(String relative) {
        return dir().resolve("faces").resolve(relative);
    }

    public static byte[] face(String relative) {
        try {
            return Files.readAllBytes(facePath(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
