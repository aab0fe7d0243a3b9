package io.verity.face.tensor;

import io.verity.face.image.RgbImage;
import java.nio.FloatBuffer;

/**
 * Fills a model input from an image: every output pixel is sampled bilinearly at {@code map(x, y)} in the source
 * (outside the image counts as black, like OpenCV's warpAffine), then normalised as {@code (v − mean[c]) · scale[c]}.
 * Output is planar (NCHW): all of channel 0, then 1, then 2; or one grey plane.
 */
public final class Sampler {

    /** How a model wants its pixels: channel order and per-channel normalisation of 0–255 values. */
    public record Normalisation(boolean grey, boolean bgr, float[] mean, float[] scale) {

        public static Normalisation rgb(float mean, float scale) {
            return new Normalisation(false, false, new float[] {mean, mean, mean}, new float[] {scale, scale, scale});
        }

        /** ImageNet statistics on 0–1 values, as torchvision models expect, in RGB order. */
        public static Normalisation imagenet() {
            return new Normalisation(false, false, new float[] {0.485f * 255, 0.456f * 255, 0.406f * 255},
                    new float[] {1 / (0.229f * 255), 1 / (0.224f * 255), 1 / (0.225f * 255)});
        }

        public static Normalisation grey(float scale) {
            return new Normalisation(true, false, new float[] {0}, new float[] {scale});
        }

        /** The same normalisation with the planes in B, G, R order (models trained on OpenCV images). */
        public Normalisation inBgrOrder() {
            return new Normalisation(grey, true, mean, scale);
        }

        public int channels() {
            return grey ? 1 : 3;
        }
    }

    private Sampler() {
    }

    public static void sample(RgbImage src, Affine outToSrc, int outW, int outH, Normalisation norm, FloatBuffer out) {
        int plane = outW * outH;
        int base = out.position();
        byte[] px = src.rgb();
        int w = src.width();
        int h = src.height();
        float[] rgb = new float[3];
        for (int y = 0; y < outH; y++) {
            double rowX = outToSrc.b() * y + outToSrc.c();
            double rowY = outToSrc.e() * y + outToSrc.f();
            for (int x = 0; x < outW; x++) {
                double sx = outToSrc.a() * x + rowX;
                double sy = outToSrc.d() * x + rowY;
                bilinear(px, w, h, sx, sy, rgb);
                int o = base + y * outW + x;
                if (norm.grey()) {
                    // OpenCV's BGR2GRAY weights, on the RGB we hold.
                    float grey = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
                    out.put(o, (grey - norm.mean()[0]) * norm.scale()[0]);
                } else {
                    int first = norm.bgr() ? 2 : 0;
                    out.put(o, (rgb[first] - norm.mean()[0]) * norm.scale()[0]);
                    out.put(o + plane, (rgb[1] - norm.mean()[1]) * norm.scale()[1]);
                    out.put(o + 2 * plane, (rgb[2 - first] - norm.mean()[2]) * norm.scale()[2]);
                }
            }
        }
        out.position(base + plane * norm.channels());
    }

    private static void bilinear(byte[] px, int w, int h, double sx, double sy, float[] rgb) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = (float) (sx - x0);
        float fy = (float) (sy - y0);
        for (int c = 0; c < 3; c++) {
            float top = lerp(at(px, w, h, x0, y0, c), at(px, w, h, x0 + 1, y0, c), fx);
            float bottom = lerp(at(px, w, h, x0, y0 + 1, c), at(px, w, h, x0 + 1, y0 + 1, c), fx);
            rgb[c] = lerp(top, bottom, fy);
        }
    }

    private static float at(byte[] px, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0f;
        }
        return px[(y * w + x) * 3 + c] & 0xff;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
