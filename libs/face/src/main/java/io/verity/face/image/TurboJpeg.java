package io.verity.face.image;

import io.verity.face.FaceRefusal;
import io.verity.face.FaceRefusal.Reason;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * JPEG decoding with the system's libjpeg-turbo (Debian: libturbojpeg0), through the Foreign Function API. It is
 * several times faster than the IJG decoder inside the JDK (SIMD; progressive JPEGs especially) and can scale in the
 * DCT domain. Optional: where the library is missing, or {@code VERITY_JPEG_DECODER=imageio}, ImageIO decodes.
 * Colour profiles are ignored, as on the ImageIO path.
 */
final class TurboJpeg {

    private static final Logger LOG = Logger.getLogger(TurboJpeg.class);
    private static final int TJPF_RGB = 0;
    private static final int TJCS_CMYK = 3;
    private static final int TJCS_YCCK = 4;
    /** Corrupt or truncated data is an error, not a warning with a half-grey picture. */
    private static final int TJFLAG_STOPONWARNING = 1 << 13;
    /** A progressive JPEG with more than 500 scans is an error (a crafted file can otherwise make decoding take minutes). */
    private static final int TJFLAG_LIMITSCANS = 1 << 15;
    private static final int[][] SCALES = {{1, 1}, {1, 2}, {1, 4}, {1, 8}};
    private static final Optional<TurboJpeg> INSTANCE = load();

    private final MethodHandle init;
    private final MethodHandle header;
    private final MethodHandle decompress;
    private final MethodHandle destroy;
    private final MethodHandle error;

    private TurboJpeg(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        ValueLayout ptr = ValueLayout.ADDRESS;
        ValueLayout i32 = ValueLayout.JAVA_INT;
        ValueLayout ulong = ValueLayout.JAVA_LONG;
        init = linker.downcallHandle(lib.findOrThrow("tjInitDecompress"), FunctionDescriptor.of(ptr));
        header = linker.downcallHandle(lib.findOrThrow("tjDecompressHeader3"),
                FunctionDescriptor.of(i32, ptr, ptr, ulong, ptr, ptr, ptr, ptr));
        decompress = linker.downcallHandle(lib.findOrThrow("tjDecompress2"),
                FunctionDescriptor.of(i32, ptr, ptr, ulong, ptr, i32, i32, i32, i32, i32));
        destroy = linker.downcallHandle(lib.findOrThrow("tjDestroy"), FunctionDescriptor.of(i32, ptr));
        error = linker.downcallHandle(lib.findOrThrow("tjGetErrorStr2"), FunctionDescriptor.of(ptr, ptr));
    }

    static Optional<TurboJpeg> available() {
        return INSTANCE;
    }

    private static Optional<TurboJpeg> load() {
        if ("imageio".equalsIgnoreCase(System.getenv("VERITY_JPEG_DECODER"))) {
            LOG.info("JPEG decoder: ImageIO (VERITY_JPEG_DECODER=imageio)");
            return Optional.empty();
        }
        try {
            TurboJpeg turbo = new TurboJpeg(SymbolLookup.libraryLookup("libturbojpeg.so.0", Arena.global()));
            LOG.info("JPEG decoder: libjpeg-turbo (libturbojpeg.so.0)");
            return Optional.of(turbo);
        } catch (RuntimeException | LinkageError e) {
            LOG.infof("JPEG decoder: ImageIO (libturbojpeg.so.0 not available: %s); install libturbojpeg0 for faster decoding",
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Decodes, or returns empty for what ImageIO should handle (CMYK). The pixel count is checked from the header
     * first; images above {@code workingPixels} are scaled down by 2, 4 or 8 while decoding.
     */
    Optional<RgbImage> decode(byte[] jpeg, long maxPixels, long workingPixels) {
        // Library messages stay in the log (debug): they describe the decoder, not what the caller can change.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) init.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("tjInitDecompress failed");
            }
            try {
                MemorySegment source = arena.allocate(jpeg.length);
                MemorySegment.copy(jpeg, 0, source, ValueLayout.JAVA_BYTE, 0, jpeg.length);
                MemorySegment w = arena.allocate(ValueLayout.JAVA_INT);
                MemorySegment h = arena.allocate(ValueLayout.JAVA_INT);
                MemorySegment subsampling = arena.allocate(ValueLayout.JAVA_INT);
                MemorySegment colourspace = arena.allocate(ValueLayout.JAVA_INT);
                if ((int) header.invokeExact(handle, source, (long) jpeg.length, w, h, subsampling, colourspace) != 0) {
                    LOG.debugf("libjpeg-turbo refused the header: %s", message(handle));
                    throw new FaceRefusal(Reason.UNSUPPORTED_FORMAT, ImageDecoder.UNDECODABLE);
                }
                long width = w.get(ValueLayout.JAVA_INT, 0);
                long height = h.get(ValueLayout.JAVA_INT, 0);
                if (width <= 0 || height <= 0) {
                    throw new FaceRefusal(Reason.UNSUPPORTED_FORMAT, "the jpeg image has no pixels");
                }
                if (width * height > maxPixels) {
                    throw new FaceRefusal(Reason.TOO_LARGE, "the image is " + width + "×" + height + " pixels; at most "
                            + maxPixels + " pixels are accepted");
                }
                int space = colourspace.get(ValueLayout.JAVA_INT, 0);
                if (space == TJCS_CMYK || space == TJCS_YCCK) {
                    return Optional.empty();
                }
                int[] scale = SCALES[0];
                for (int[] candidate : SCALES) {
                    long scaledPixels = scaled(width, candidate) * scaled(height, candidate);
                    if (scaledPixels * 4 < workingPixels) {
                        break; // one step further would go well below the working size
                    }
                    scale = candidate;
                    if (scaledPixels <= workingPixels) {
                        break;
                    }
                }
                int outW = (int) scaled(width, scale);
                int outH = (int) scaled(height, scale);
                MemorySegment target = arena.allocate((long) outW * outH * 3);
                int status = (int) decompress.invokeExact(handle, source, (long) jpeg.length, target, outW, 0, outH,
                        TJPF_RGB, TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS);
                if (status != 0) {
                    LOG.debugf("libjpeg-turbo refused the image: %s", message(handle));
                    throw new FaceRefusal(Reason.UNSUPPORTED_FORMAT, ImageDecoder.UNDECODABLE);
                }
                return Optional.of(new RgbImage(outW, outH, target.toArray(ValueLayout.JAVA_BYTE)));
            } finally {
                int ignored = (int) destroy.invokeExact(handle);
            }
        } catch (FaceRefusal refusal) {
            throw refusal;
        } catch (Throwable t) {
            throw new IllegalStateException("libjpeg-turbo failed: " + t.getMessage(), t);
        }
    }

    private static long scaled(long size, int[] factor) {
        return (size * factor[0] + factor[1] - 1) / factor[1];
    }

    private String message(MemorySegment handle) throws Throwable {
        MemorySegment text = (MemorySegment) error.invokeExact(handle);
        return text.equals(MemorySegment.NULL) ? "unknown error" : text.reinterpret(512).getString(0);
    }
}
