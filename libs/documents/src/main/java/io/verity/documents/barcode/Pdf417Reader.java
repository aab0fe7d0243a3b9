package io.verity.documents.barcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import io.verity.face.image.RgbImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds and decodes the PDF417 of a licence's back with ZXing, trying harder before giving up: both binarizers
 * (local for uneven light, global for blur), the image at working sizes (a phone photo is downscaled, a small crop
 * enlarged), sharpened, and turned by small angles (ZXing itself tries 90° and 180°, and tolerates a little skew).
 * When every attempt fails, {@link Outcome#problem()} says what was tried.
 */
public final class Pdf417Reader {

    /** The decoded payload, or why there is none. */
    public record Outcome(String payload, String problem, int attempts) {
    }

    /** ZXing works on images of about this width; larger photos are reduced first. */
    static final int WORKING_WIDTH = 1600;
    static final double[] ANGLES = {-6, 6, -12, 12, -20, 20, -30, 30};

    private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(Map.of(
            DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.PDF_417),
            DecodeHintType.CHARACTER_SET, "ISO-8859-1"));

    private Pdf417Reader() {
    }

    public static Outcome read(RgbImage image) {
        Grey original = Grey.of(image);
        Grey working = original.width > WORKING_WIDTH ? original.scaled((double) WORKING_WIDTH / original.width) : original;
        List<Grey> sizes = new ArrayList<>(List.of(working));
        if (working.width < 1000) {
            sizes.add(working.scaled(2.0));
        } else {
            sizes.add(working.scaled(0.6));
        }
        int attempts = 0;
        for (Grey grey : sizes) {
            for (Grey variant : List.of(grey, grey.sharpened())) {
                for (Function<LuminanceSource, Binarizer> binarizer : List.<Function<LuminanceSource, Binarizer>>of(
                        HybridBinarizer::new, GlobalHistogramBinarizer::new)) {
                    attempts++;
                    String text = decode(variant, binarizer);
                    if (text != null) {
                        return new Outcome(text, null, attempts);
                    }
                }
            }
        }
        List<Double> angles = new ArrayList<>();
        double skew = working.scaled(Math.min(1.0, 600.0 / working.width)).dominantEdgeAngle();
        if (Math.abs(skew) > 2) {
            angles.add(-skew); // turn the bars upright first: ZXing tolerates only a few degrees
        }
        for (double angle : ANGLES) {
            angles.add(angle);
        }
        for (double angle : angles) {
            Grey turned = working.rotated(Math.toRadians(angle));
            for (Grey variant : List.of(turned, turned.sharpened())) {
                attempts++;
                String text = decode(variant, HybridBinarizer::new);
                if (text != null) {
                    return new Outcome(text, null, attempts);
                }
            }
        }
        return new Outcome(null, "no PDF417 barcode could be read on the back image after " + attempts + " attempts "
                + "(two binarizers, two sizes, sharpened, turned upright and by up to 30°): it may be cut off, too blurred, too small "
                + "or not there", attempts);
    }

    private static String decode(Grey grey, Function<LuminanceSource, Binarizer> binarizer) {
        LuminanceSource source = new PlanarYUVLuminanceSource(grey.pixels, grey.width, grey.height, 0, 0, grey.width,
                grey.height, false);
        try {
            Result result = new com.google.zxing.pdf417.PDF417Reader().decode(new BinaryBitmap(binarizer.apply(source)), HINTS);
            return result.getText();
        } catch (NotFoundException e) {
            return null;
        } catch (ReaderException | RuntimeException e) {
            return null; // checksum or format errors: another attempt may read it cleanly
        }
    }

    /** A grey image, 0–255, row-major. */
    record Grey(byte[] pixels, int width, int height) {

        static Grey of(RgbImage image) {
            byte[] rgb = image.rgb();
            byte[] grey = new byte[image.width() * image.height()];
            for (int i = 0; i < grey.length; i++) {
                int r = rgb[3 * i] & 0xff;
                int g = rgb[3 * i + 1] & 0xff;
                int b = rgb[3 * i + 2] & 0xff;
                grey[i] = (byte) ((299 * r + 587 * g + 114 * b) / 1000);
            }
            return new Grey(grey, image.width(), image.height());
        }

        int at(int x, int y) {
            return pixels[y * width + x] & 0xff;
        }

        double bilinear(double x, double y) {
            if (x < 0 || y < 0 || x > width - 1 || y > height - 1) {
                return 255;
            }
            int x0 = (int) x;
            int y0 = (int) y;
            int x1 = Math.min(x0 + 1, width - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double fx = x - x0;
            double fy = y - y0;
            return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
        }

        Grey scaled(double factor) {
            int w = Math.max(1, (int) Math.round(width * factor));
            int h = Math.max(1, (int) Math.round(height * factor));
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) Math.round(bilinear((x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5));
                }
            }
            return new Grey(out, w, h);
        }

        /** Turned about the centre, on a canvas large enough for the whole image, white outside. */
        Grey rotated(double radians) {
            double cos = Math.cos(radians);
            double sin = Math.sin(radians);
            int w = (int) Math.ceil(Math.abs(width * cos) + Math.abs(height * sin));
            int h = (int) Math.ceil(Math.abs(width * sin) + Math.abs(height * cos));
            byte[] out = new byte[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = x - w / 2.0;
                    double dy = y - h / 2.0;
                    out[y * w + x] = (byte) Math.round(bilinear(dx * cos + dy * sin + width / 2.0, -dx * sin + dy * cos + height / 2.0));
                }
            }
            return new Grey(out, w, h);
        }

        /**
         * The angle (degrees, within ±45°) of the strongest edge direction away from the axes: a PDF417's bars make
         * most of the edges of a licence's back, so turning by minus this makes them upright.
         */
        double dominantEdgeAngle() {
            double[] histogram = new double[180];
            for (int y = 1; y < height - 1; y++) {
                for (int x = 1; x < width - 1; x++) {
                    int gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
                    int gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
                    double magnitude = Math.hypot(gx, gy);
                    if (magnitude > 100) {
                        int degrees = (int) Math.floorMod(Math.round(Math.toDegrees(Math.atan2(gy, gx))), 180);
                        histogram[degrees] += magnitude;
                    }
                }
            }
            int best = 0;
            double bestWeight = -1;
            for (int d = 0; d < 180; d++) {
                double weight = histogram[(d + 179) % 180] + histogram[d] + histogram[(d + 1) % 180];
                if (weight > bestWeight) {
                    bestWeight = weight;
                    best = d;
                }
            }
            int fromAxis = best % 90;
            return fromAxis > 45 ? fromAxis - 90 : fromAxis;
        }

        /** Unsharp mask (3×3 box blur, amount 1.5): restores some edge contrast to a blurred photo. */
        Grey sharpened() {
            byte[] out = new byte[pixels.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sum = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = x + dx;
                            int yy = y + dy;
                            if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
                                sum += at(xx, yy);
                                n++;
                            }
                        }
                    }
                    double v = at(x, y) + 1.5 * (at(x, y) - (double) sum / n);
                    out[y * width + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
            return new Grey(out, width, height);
        }
    }
}
