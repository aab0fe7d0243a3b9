package io.verity.face.tools;

import io.verity.face.image.RgbImage;

/** Degrades photos the way poor captures do (defocus, distance), to measure where matching stops working. */
public final class Degrade {

    private Degrade() {
    }

    /** Gaussian blur with standard deviation {@code sigma} pixels (separable, edges clamped). */
    public static RgbImage blur(RgbImage image, float sigma) {
        if (sigma <= 0) {
            return image;
        }
        int radius = (int) Math.ceil(3 * sigma);
        float[] kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-(i * i) / (2.0 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int w = image.width();
        int h = image.height();
        byte[] src = image.rgb();
        float[] across = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int xx = Math.clamp(x + k, 0, w - 1);
                        v += kernel[k + radius] * (src[(y * w + xx) * 3 + c] & 0xff);
                    }
                    across[(y * w + x) * 3 + c] = v;
                }
            }
        }
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    float v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        int yy = Math.clamp(y + k, 0, h - 1);
                        v += kernel[k + radius] * across[(yy * w + x) * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = (byte) Math.clamp(Math.round(v), 0, 255);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Shrinks by {@code factor} (0 < factor ≤ 1), each new pixel the mean of the source pixels it covers. */
    public static RgbImage shrink(RgbImage image, float factor) {
        if (factor >= 1) {
            return image;
        }
        int w = Math.max(1, Math.round(image.width() * factor));
        int h = Math.max(1, Math.round(image.height() * factor));
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int y0 = y * image.height() / h;
            int y1 = Math.max(y0 + 1, (y + 1) * image.height() / h);
            for (int x = 0; x < w; x++) {
                int x0 = x * image.width() / w;
                int x1 = Math.max(x0 + 1, (x + 1) * image.width() / w);
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            sum += image.channel(xx, yy, c);
                        }
                    }
                    out[(y * w + x) * 3 + c] = (byte) (sum / ((long) (y1 - y0) * (x1 - x0)));
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
