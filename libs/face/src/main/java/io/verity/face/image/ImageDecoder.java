package io.verity.face.image;

import io.verity.face.FaceRefusal;
import io.verity.face.FaceRefusal.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Bytes in, an upright {@link RgbImage} out. The format is sniffed from the content; the byte size and the pixel
 * count (read from the header, before any pixel is decoded, so a decompression bomb is refused cheaply) are bounded;
 * EXIF orientation is applied; an alpha channel is composited over white.
 *
 * <p>Images larger than {@code workingPixels} are decoded with source subsampling: the face models never look at
 * more than a face-sized crop. JPEGs are decoded by libjpeg-turbo where the system has it ({@link TurboJpeg}); on
 * ImageIO they are read as raw samples and converted from YCbCr here: ImageIO would otherwise
 * convert an embedded ICC profile through LCMS, which costs more than all face models together on a large photo and
 * changes nothing a face model can see.
 */
public final class ImageDecoder {

    /** The one message for content that no decoder can read: library messages go to the log, never to callers. */
    public static final String UNDECODABLE = "the image cannot be decoded: it is truncated, corrupt or not an image";

    /**
     * The most pixels of a progressive JPEG. A progressive JPEG is decoded from whole-image coefficient buffers
     * (2 bytes per coefficient, all scans kept until the last), about 3 bytes per pixel for 4:2:0 and 6 for 4:4:4,
     * whatever the output scale; a baseline JPEG streams row by row. See identity-service/README.md for the figures.
     */
    public static final long MAX_PROGRESSIVE_PIXELS = 16_000_000L;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ImageDecoder.class);

    private final long maxBytes;
    private final long maxPixels;
    private final long workingPixels;

    public ImageDecoder(long maxBytes, long maxPixels, long workingPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
        this.workingPixels = workingPixels;
    }

    public RgbImage decode(byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new FaceRefusal(Reason.TOO_LARGE, "the image has " + bytes.length + " bytes; at most " + maxBytes + " are accepted");
        }
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new FaceRefusal(Reason.UNSUPPORTED_FORMAT,
                "the content is not a JPEG, PNG, WebP or BMP image"));
        if (format == ImageFormat.JPEG) {
            JpegSegments segments = JpegSegments.scan(bytes);
            long limit = segments.progressive() ? Math.min(maxPixels, MAX_PROGRESSIVE_PIXELS) : maxPixels;
            RgbImage jpeg = TurboJpeg.available()
                    .flatMap(turbo -> turbo.decode(bytes, limit, workingPixels))
                    .orElseGet(() -> read(bytes, format, segments));
            return Orientation.apply(jpeg, segments.orientation());
        }
        return read(bytes, format, null);
    }

    /** The ImageIO path for a JPEG, whatever decoder is installed (tests compare the two). */
    RgbImage decodeJpegWithImageIo(byte[] jpeg) {
        return read(jpeg, ImageFormat.JPEG, JpegSegments.scan(jpeg));
    }

    private RgbImage read(byte[] bytes, ImageFormat format, JpegSegments jpeg) {
        long limit = jpeg != null && jpeg.progressive() ? Math.min(maxPixels, MAX_PROGRESSIVE_PIXELS) : maxPixels;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format + " on the class path");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new FaceRefusal(Reason.UNSUPPORTED_FORMAT, "the " + format.imageIoName() + " image has no pixels");
            }
            if (width * height > limit) {
                throw new FaceRefusal(Reason.TOO_LARGE, "the image is " + width + "×" + height + " pixels; at most "
                        + limit + " pixels are accepted" + (limit < maxPixels ? " for a progressive JPEG" : ""));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) (width * height) / workingPixels));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            if (jpeg != null) {
                Raster raster = reader.readRaster(0, param);
                if (raster.getNumBands() == 3 || raster.getNumBands() == 1) {
                    return JpegSamples.toRgb(raster, jpeg.adobeTransform() == 0);
                }
                reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(bytes)), true, true);
            }
            return toRgb(reader.read(0, param)); // CMYK JPEGs and every other format
        } catch (IOException | RuntimeException e) {
            if (e instanceof FaceRefusal refusal) {
                throw refusal;
            }
            LOG.debugf("ImageIO refused the %s image: %s", format.imageIoName(), e);
            throw new FaceRefusal(Reason.UNSUPPORTED_FORMAT, UNDECODABLE);
        } finally {
            reader.dispose();
        }
    }

    private static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return new RgbImage(w, h, rgb);
        }
        if (image.getType() == BufferedImage.TYPE_4BYTE_ABGR) {
            byte[] abgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int p = 0, o = 0; o < rgb.length; p += 4, o += 3) {
                int alpha = abgr[p] & 0xff;
                rgb[o] = (byte) overWhite(abgr[p + 3] & 0xff, alpha);
                rgb[o + 1] = (byte) overWhite(abgr[p + 2] & 0xff, alpha);
                rgb[o + 2] = (byte) overWhite(abgr[p + 1] & 0xff, alpha);
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int alpha = argb >>> 24;
                int o = (y * w + x) * 3;
                rgb[o] = (byte) overWhite((argb >> 16) & 0xff, alpha);
                rgb[o + 1] = (byte) overWhite((argb >> 8) & 0xff, alpha);
                rgb[o + 2] = (byte) overWhite(argb & 0xff, alpha);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static int overWhite(int channel, int alpha) {
        return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
    }
}
