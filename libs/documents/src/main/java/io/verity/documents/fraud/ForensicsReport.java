package io.verity.documents.fraud;

import java.util.List;

/**
 * What the image forensics found in one document image.
 *
 * @param manipulation   0–1: the strongest of the signals below (0 nothing found)
 * @param errorLevel     0–1: error-level analysis, the share of textured blocks whose recompression error stands out
 *                       from the rest of the image, scaled so that 2 % of blocks reads 1
 * @param software       the editing software named in the file's metadata, or null
 * @param jpegQuality    the JPEG quality the luminance table corresponds to (IJG scale), or null for other formats
 * @param perceptualHash the image's {@link PerceptualHash}
 * @param findings       what was found, in words (empty when nothing)
 */
public record ForensicsReport(double manipulation, double errorLevel, String software,
        Integer jpegQuality, String perceptualHash, List<String> findings) {
}
