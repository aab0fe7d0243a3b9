package io.verity.face.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the command-line tools share: where the test photos are and which files to read. */
final class Tools {

    private Tools() {
    }

    /** ../shared/data/faces beside the repository (VERITY_SHARED_DIR overrides ../shared). */
    static String sharedFaces() {
        String shared = System.getenv().getOrDefault("VERITY_SHARED_DIR",
                System.getProperty("verity.shared.dir", "../shared"));
        return Path.of(shared, "data", "faces").toString();
    }

    /** Every regular file under {@code dir} that is not a text file, in a stable order. */
    static List<Path> imageFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().matches("(?i).*\\.(md|txt)$"))
                    .sorted()
                    .toList();
        }
    }
}
