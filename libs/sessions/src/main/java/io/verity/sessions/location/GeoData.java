package io.verity.sessions.location;


import java.nio.file.Path;

/** Where bin/fetch-geo put the location data (DB-IP mmdb, GeoNames cities). */
final class GeoData {

    private GeoData() {
    }

    static Path dir(LocationSettings config) {
        return config.dataDir().filter(d -> !d.isBlank()).map(Path::of).orElseGet(() -> {
            String env = System.getenv("VERITY_GEO_DIR");
            if (env != null && !env.isBlank()) {
                return Path.of(env);
            }
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache);
            return base.resolve("verity").resolve("geo");
        });
    }
}
