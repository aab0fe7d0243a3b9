package io.verity.face.image;

/** A decoded, upright image as interleaved 8-bit R, G, B bytes, row by row. */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes, got " + rgb.length);
        }
    }

    /** Red, green or blue (channel 0, 1, 2) at a pixel, 0–255. */
    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
