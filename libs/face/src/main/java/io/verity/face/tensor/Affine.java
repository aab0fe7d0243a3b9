package io.verity.face.tensor;

/**
 * A 2-D affine map {@code (x, y) → (a·x + b·y + c, d·x + e·y + f)}. Samplers use it from output pixel to source
 * pixel, so a crop-and-resize and a face alignment are the same operation.
 */
public record Affine(double a, double b, double c, double d, double e, double f) {

    /** Output pixel (x, y) of an {@code outW×outH} tensor ← the source rectangle {@code (x0, y0, w, h)}, pixel centres aligned. */
    public static Affine cropResize(double x0, double y0, double w, double h, int outW, int outH) {
        double sx = w / outW;
        double sy = h / outH;
        return new Affine(sx, 0, x0 + 0.5 * sx - 0.5, 0, sy, y0 + 0.5 * sy - 0.5);
    }

    public double x(double x, double y) {
        return a * x + b * y + c;
    }

    public double y(double x, double y) {
        return d * x + e * y + f;
    }

    public Affine inverse() {
        double det = a * e - b * d;
        if (Math.abs(det) < 1e-12) {
            throw new IllegalArgumentException("the transform is not invertible");
        }
        return new Affine(e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det);
    }
}
