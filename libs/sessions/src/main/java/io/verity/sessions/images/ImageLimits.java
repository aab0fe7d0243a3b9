package io.verity.sessions.images;

import io.smallrye.config.WithDefault;

/** Limits on uploaded images (a config group each service maps under its own prefix). */
public interface ImageLimits {

    /** Largest accepted image file. */
    @WithDefault("10000000")
    int maxBytes();

    /** Largest accepted width × height (decompression bombs). */
    @WithDefault("40000000")
    long maxPixels();

    /** Smallest accepted width and height. */
    @WithDefault("200")
    int minSide();
}
