package io.verity.face.image;

import java.awt.image.Raster;

/** Raw JPEG samples (YCbCr per JFIF, RGB when the Adobe marker says so, or grey) to RGB, without colour management. */
final class JpegSamples {

    private JpegSamples() {
    }

    static RgbImage toRgb(Raster raster, boolean alreadyRgb) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        byte[] out = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++, o += 3) {
                if (bands == 1) {
                    byte grey = (byte) row[x];
                    out[o] = grey;
                    out[o + 1] = grey;
                    out[o + 2] = grey;
                } else if (alreadyRgb) {
                    out[o] = (byte) row[3 * x];
                    out[o + 1] = (byte) row[3 * x + 1];
                    out[o + 2] = (byte) row[3 * x + 2];
                } else {
                    // JFIF YCbCr → RGB in 16.16 fixed point.
                    int luma = row[3 * x] << 16;
                    int cb = row[3 * x + 1] - 128;
                    int cr = row[3 * x + 2] - 128;
                    out[o] = clamp((luma + 91881 * cr + 32768) >> 16);
                    out[o + 1] = clamp((luma - 22554 * cb - 46802 * cr + 32768) >> 16);
                    out[o + 2] = clamp((luma + 116130 * cb + 32768) >> 16);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
