package io.verity.documents.ocr;

import io.verity.face.tensor.Affine;

/**
 * An oriented box around one line of text, in image pixels: centre, length along the text, height across it, and
 * the angle of the text's direction (radians, within ±45°).
 */
public record TextBox(double cx, double cy, double width, double height, double angle, float score) {

    /** The map from a {@code outW × outH} crop (text upright, left to right) to image coordinates. */
    public Affine cropToImage(int outW, int outH) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = width / outW * cos;
        double b = -height / outH * sin;
        double d = width / outW * sin;
        double e = height / outH * cos;
        return new Affine(a, b, cx - width / 2 * cos + height / 2 * sin, d, e, cy - width / 2 * sin - height / 2 * cos);
    }

    public double top() {
        return cy - height / 2;
    }

    public double bottom() {
        return cy + height / 2;
    }

    public double left() {
        return cx - width / 2 * Math.cos(angle);
    }

    public double right() {
        return cx + width / 2 * Math.cos(angle);
    }

    /** Where this line's centre line is at {@code x} (it slants with the photo). */
    public double centreYAt(double x) {
        return cy + (x - cx) * Math.tan(angle);
    }

    /**
     * How much of the smaller height two boxes share across the text (0–1), this line extended along its slant to
     * the other's centre: same row when high, however the photo is turned.
     */
    public double verticalOverlap(TextBox other) {
        double y = centreYAt(other.cx);
        double overlap = Math.min(y + height / 2, other.bottom()) - Math.max(y - height / 2, other.top());
        return Math.max(0, overlap) / Math.min(height, other.height);
    }
}
