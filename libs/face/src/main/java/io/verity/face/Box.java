package io.verity.face;

/** A face box in image pixels, corners (x1, y1) top-left and (x2, y2) bottom-right. */
public record Box(float x1, float y1, float x2, float y2) {

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    public float shortSide() {
        return Math.min(width(), height());
    }

    public float iou(Box other) {
        float ix = Math.max(0, Math.min(x2, other.x2) - Math.max(x1, other.x1));
        float iy = Math.max(0, Math.min(y2, other.y2) - Math.max(y1, other.y1));
        float inter = ix * iy;
        float union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
