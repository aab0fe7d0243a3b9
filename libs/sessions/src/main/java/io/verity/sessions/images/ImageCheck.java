package io.verity.sessions.images;


import io.verity.platform.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What an uploaded image really is: its format from its first bytes (never its name or declared type), its size in
 * pixels from its header (nothing is decoded), and whether both are within limits.
 */
@ApplicationScoped
public class ImageCheck {

    /** A checked image: its bytes, sniffed media type and dimensions. */
    public record Checked(byte[] bytes, String contentType, int width, int height) {
    }

    private final ImageLimits limits;

    public ImageCheck(ImageLimits limits) {
        this.limits = limits;
    }

    public Checked check(byte[] bytes, String field) {
        if (bytes == null || bytes.length == 0) {
            throw ProblemException.invalidField(field, "an image is required");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ProblemException(413, "image_too_large", field + ": the image has " + bytes.length
                    + " bytes; at most " + limits.maxBytes() + " are accepted", Map.of("field", field));
        }
        String format = sniff(bytes);
        if (format == null) {
            throw new ProblemException(415, "unsupported_format", field + ": not a JPEG, PNG or WebP image",
                    Map.of("field", field));
        }
        int[] size = dimensions(bytes, format, field);
        long pixels = (long) size[0] * size[1];
        if (pixels > limits.maxPixels()) {
            throw new ProblemException(413, "image_too_large", field + ": " + size[0] + "x" + size[1]
                    + " pixels; at most " + limits.maxPixels() + " pixels are accepted", Map.of("field", field));
        }
        if (Math.min(size[0], size[1]) < limits.minSide()) {
            throw new ProblemException(422, "image_too_small", field + ": " + size[0] + "x" + size[1]
                    + " pixels; each side must be at least " + limits.minSide(), Map.of("field", field));
        }
        return new Checked(bytes, "image/" + format, size[0], size[1]);
    }

    /** jpeg, png or webp from the magic bytes; null for anything else. */
    static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return "png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "webp";
        }
        return null;
    }

    private static int[] dimensions(byte[] bytes, String format, String field) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(415, "unreadable_image", field + ": the " + format + " header cannot be read",
                    Map.of("field", field));
        } finally {
            reader.dispose();
        }
    }
}
