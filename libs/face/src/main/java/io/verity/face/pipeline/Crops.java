package io.verity.face.pipeline;

import io.verity.face.Box;
import io.verity.face.image.RgbImage;
import io.verity.face.tensor.Affine;

/** The face crops the models were trained on (as the model package's own code takes them). */
final class Crops {

    /** A source rectangle in image pixels. */
    record Rect(double left, double top, double width, double height) {

        /** Output pixel → source pixel for an {@code outW×outH} tensor of this rectangle. */
        Affine toTensor(int outW, int outH) {
            return Affine.cropResize(left, top, width, height, outW, outH);
        }
    }

    private Crops() {
    }

    /**
     * The box scaled about its centre by {@code scale} (less if the image is too small), then shifted to lie inside
     * the image: the crop of the landmark (1.0), age and gender (1.4) and liveness (2.7) models.
     */
    static Rect scaledBox(RgbImage image, Box box, double scale) {
        double w = box.width();
        double h = box.height();
        double s = Math.min(Math.min((image.height() - 1) / h, (image.width() - 1) / w), scale);
        double cw = w * s;
        double ch = h * s;
        double left = clampStart(box.x1() + w / 2 - cw / 2, cw, image.width());
        double top = clampStart(box.y1() + h / 2 - ch / 2, ch, image.height());
        return new Rect(left, top, cw, ch);
    }

    /** A rectangle clipped to the image (the expression, pose and eye crops). */
    static Rect clipped(RgbImage image, double x1, double y1, double x2, double y2) {
        double left = Math.max(0, x1);
        double top = Math.max(0, y1);
        double right = Math.min(image.width(), x2);
        double bottom = Math.min(image.height(), y2);
        return new Rect(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }

    private static double clampStart(double start, double size, int limit) {
        if (start < 0) {
            return 0;
        }
        if (start + size > limit - 1) {
            return Math.max(0, limit - 1 - size);
        }
        return start;
    }
}
