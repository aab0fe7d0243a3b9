package io.verity.documents.fraud;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Image-manipulation signals of one document image, each explainable:
 * <ul>
 *   <li><b>metadata</b>: editing software named in the JPEG's APP segments (EXIF, XMP, Photoshop IRB);</li>
 *   <li><b>compression traces</b>: the JPEG quality of the luminance quantisation table (a re-saved photo usually
 *       differs from a camera's 90–98), reported, not scored alone;</li>
 *   <li><b>error-level analysis</b>: the image re-compressed at its own quality (90 when unknown); a region pasted
 *       from another source re-compresses with a different error than the rest;</li>
 * </ul>
 * Work is bounded: images larger than {@link #ANALYSED_PIXELS} are analysed scaled down. Thread-safe.
 */
public final class ImageForensics {

    /** Above this many pixels the image is scaled down before error-level analysis. */
    public static final int ANALYSED_PIXELS = 4_000_000;
    static final String[] EDITORS = {"photoshop", "gimp", "paint.net", "pixelmator", "affinity photo", "snapseed",
            "picsart", "canva", "photopea", "lightroom", "corel", "paintshop"};
    private static final int ELA_BLOCK = 16;
    private static final int[] STD_LUMA = {16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16,
            24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81,
            104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};

    private ImageForensics() {
    }

    /** @throws IllegalArgumentException when the bytes are not an image this JVM can decode */
    public static ForensicsReport analyze(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("the image cannot be decoded");
        }
        if (image == null) {
            throw new IllegalArgumentException("the image format is not supported");
        }
        List<String> findings = new ArrayList<>();
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        String software = jpeg ? editingSoftware(bytes) : null;
        Integer quality = jpeg ? jpegQuality(bytes) : null;
        if (software != null) {
            findings.add("the file was saved by " + software);
        }
        BufferedImage rgb = bounded(image);
        double ela = errorLevel(rgb, quality == null ? 0.90f : Math.min(0.95f, quality / 100f));
        if (ela >= 0.5) {
            findings.add("error-level analysis: %.1f %% of textured blocks recompress unlike the rest".formatted(ela * 2));
        }
        double manipulation = Math.max(software == null ? 0 : 0.6, ela);
        return new ForensicsReport(round(manipulation), round(ela), software, quality,
                PerceptualHash.of(rgb), List.copyOf(findings));
    }

    /** The editing software named in the APP segments, or null. */
    static String editingSoftware(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xda || marker == 0xd9) {
                break; // start of scan: no more metadata
            }
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (length < 2 || i + 2 + length > jpeg.length) {
                break;
            }
            if (marker >= 0xe0 && marker <= 0xef) {
                String segment = new String(jpeg, i + 4, length - 2, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                if (marker == 0xed && segment.startsWith("photoshop 3.0")) {
                    return "Adobe Photoshop";
                }
                for (String editor : EDITORS) {
                    if (segment.contains(editor)) {
                        return editor;
                    }
                }
            }
            i += 2 + length;
        }
        return null;
    }

    /** The IJG quality (1–100) matching the first quantisation table, or null when there is none. */
    static Integer jpegQuality(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int marker = jpeg[i + 1] & 0xff;
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker == 0xda || length < 2 || i + 2 + length > jpeg.length) {
                return null;
            }
            if (marker == 0xdb && length >= 67 && (jpeg[i + 4] & 0xf0) == 0) {
                // 8-bit table, zig-zag order: compare sums, which the order does not change
                double table = 0;
                for (int k = 0; k < 64; k++) {
                    table += jpeg[i + 5 + k] & 0xff;
                }
                double scale = 100 * table / Arrays.stream(STD_LUMA).sum();
                int q = (int) Math.round(scale <= 100 ? (200 - scale) / 2 : 5000 / scale);
                return Math.max(1, Math.min(100, q));
            }
            i += 2 + length;
        }
        return null;
    }

    /**
     * 0–1: the share of textured 16×16 blocks whose error, when the image is saved again at its own quality, is far
     * above the median (relative to its contrast, since edges always err more); 2 % of blocks reading 1. A JPEG saved several times at one quality barely changes when saved
     * once more; a region pasted in before the last save still does.
     */
    static double errorLevel(BufferedImage rgb, float resaveQuality) {
        BufferedImage again = decode(encode(rgb, resaveQuality));
        int width = rgb.getWidth();
        int w = width / ELA_BLOCK;
        int h = rgb.getHeight() / ELA_BLOCK;
        if (w * h < 16) {
            return 0;
        }
        int[] a = packedRgb(rgb);
        int[] b = packedRgb(again);
        List<double[]> blocks = new ArrayList<>();
        int n = ELA_BLOCK * ELA_BLOCK;
        for (int by = 0; by < h; by++) {
            for (int bx = 0; bx < w; bx++) {
                double error = 0;
                double mean = 0;
                double square = 0;
                for (int y = by * ELA_BLOCK; y < (by + 1) * ELA_BLOCK; y++) {
                    for (int k = y * width + bx * ELA_BLOCK, end = k + ELA_BLOCK; k < end; k++) {
                        double la = luma(a[k]);
                        error += Math.abs(la - luma(b[k]));
                        mean += la;
                        square += la * la;
                    }
                }
                mean /= n;
                double variance = square / n - mean * mean;
                if (variance > 25) { // flat blocks recompress to nothing and say nothing
                    blocks.add(new double[] {error / n / Math.sqrt(variance)}); // relative to the block's contrast: edges err more
                }
            }
        }
        if (blocks.size() < 16) {
            return 0;
        }
        double[] errors = blocks.stream().mapToDouble(x -> x[0]).sorted().toArray();
        double median = errors[errors.length / 2];
        double spread = Math.max(0, errors[(int) (errors.length * 0.75)] - errors[errors.length / 4]);
        // the floor keeps a near-idempotent image (errors all about 0) from calling rounding noise an outlier
        long outliers = Arrays.stream(errors).filter(e -> e > median + 4 * spread + 0.03).count();
        return Math.min(1, outliers / (0.02 * errors.length));
    }

    private static BufferedImage bounded(BufferedImage image) {
        long pixels = (long) image.getWidth() * image.getHeight();
        if (pixels <= ANALYSED_PIXELS && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        double f = pixels <= ANALYSED_PIXELS ? 1 : Math.sqrt((double) ANALYSED_PIXELS / pixels);
        int w = Math.max(1, (int) (image.getWidth() * f));
        int h = Math.max(1, (int) (image.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static byte[] encode(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The pixels as packed RGB in the low 24 bits (the top byte is whatever the raster holds), row after row. Read from the raster itself for the two layouts met here (ours, and
     * what the JPEG decoder gives): {@code getRGB} converts pixel by pixel through the colour model, which took most of
     * this analysis's time.
     */
    static int[] packedRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        WritableRaster raster = image.getRaster();
        boolean whole = raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0;
        if (whole && image.getType() == BufferedImage.TYPE_INT_RGB && raster.getDataBuffer() instanceof DataBufferInt ints
                && ints.getNumBanks() == 1 && ints.getData().length == w * h) {
            return ints.getData();
        }
        if (whole && image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getDataBuffer() instanceof DataBufferByte bytes
                && bytes.getNumBanks() == 1 && bytes.getData().length == 3 * w * h) {
            byte[] bgr = bytes.getData();
            int[] packed = new int[w * h];
            for (int i = 0, j = 0; i < packed.length; i++, j += 3) {
                packed[i] = (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | (bgr[j] & 0xff);
            }
            return packed;
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
