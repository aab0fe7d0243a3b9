package io.verity.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Videos for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): uncompressed YUV4MPEG2, 4:2:0, from
 * still images, each shown for a number of frames in one frame size: whole on a grey background (a document on a
 * table), or filling the frame (a face before a phone's camera: grey bars beside a face look like the edge of a
 * screen or a print to a liveness model).
 */
public final class Y4m {

    /** {@code image} shown for {@code seconds}; {@code fill}: cropped to fill the frame (keeping its upper part). */
    public record Shot(BufferedImage image, double seconds, boolean fill) {

        /** The whole image, on grey where its shape differs from the frame's. */
        public static Shot whole(BufferedImage image, double seconds) {
            return new Shot(image, seconds, false);
        }

        /** The image filling the frame: centred across, and from a fifth of its excess height down (where faces are). */
        public static Shot filling(BufferedImage image, double seconds) {
            return new Shot(image, seconds, true);
        }
    }

    private Y4m() {
    }

    /**
     * Writes the video to a temporary file beside {@code target} and moves it over {@code target} atomically, so that
     * a camera already playing the old file goes on reading it and the next opening reads the new one.
     */
    public static void write(Path target, int width, int height, int fps, List<Shot> shots) {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("4:2:0 needs even sides");
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
            for (Shot shot : shots) {
                byte[] frame = i420(fit(shot.image(), width, height, shot.fill()));
                for (int i = 0, n = Math.max(1, (int) Math.round(shot.seconds() * fps)); i < n; i++) {
                    out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(frame);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage fit(BufferedImage image, int width, int height, boolean fill) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, width, height);
        double sx = (double) width / image.getWidth();
        double sy = (double) height / image.getHeight();
        double scale = fill ? Math.max(sx, sy) : Math.min(sx, sy);
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, (width - w) / 2, fill ? (height - h) / 5 : (height - h) / 2, w, h, null);
        g.dispose();
        return frame;
    }

    /** BT.601 full-range (JPEG) Y, then U and V averaged over 2x2 blocks. */
    private static byte[] i420(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] px = rgb.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3 / 2];
        int uOffset = w * h;
        int vOffset = uOffset + w * h / 4;
        for (int i = 0; i < px.length; i++) {
            int r = (px[i] >> 16) & 0xff;
            int g = (px[i] >> 8) & 0xff;
            int b = px[i] & 0xff;
            out[i] = (byte) clamp(Math.round(0.299 * r + 0.587 * g + 0.114 * b));
        }
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                double u = 0;
                double v = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = px[(y + dy) * w + x + dx];
                        int r = (p >> 16) & 0xff;
                        int g = (p >> 8) & 0xff;
                        int b = p & 0xff;
                        u += -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
                        v += 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
                    }
                }
                int c = (y / 2) * (w / 2) + x / 2;
                out[uOffset + c] = (byte) clamp(Math.round(u / 4));
                out[vOffset + c] = (byte) clamp(Math.round(v / 4));
            }
        }
        return out;
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(255, value));
    }
}
