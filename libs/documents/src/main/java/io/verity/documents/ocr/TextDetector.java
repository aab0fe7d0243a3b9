package io.verity.documents.ocr;

import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Affine;
import io.verity.face.tensor.Sampler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * PP-OCRv4's DB text detector: the image scaled to at most {@link #MAX_SIDE} pixels (sides multiples of 32),
 * BGR with ImageNet statistics; out comes a text-probability map. Each connected region above
 * {@link #PIXEL_THRESHOLD} whose mean probability reaches {@link #BOX_THRESHOLD} becomes an oriented box (the
 * region's principal axes), grown by DB's unclip ratio, since the model predicts shrunk text kernels.
 */
public final class TextDetector {

    static final int MAX_SIDE = 960;
    static final float PIXEL_THRESHOLD = 0.3f;
    static final float BOX_THRESHOLD = 0.6f;
    static final double UNCLIP_RATIO = 1.5;
    static final int MIN_PIXELS = 12;

    private static final Sampler.Normalisation NORMALISATION = Sampler.Normalisation.imagenet().inBgrOrder();

    private final OnnxModel model;

    public TextDetector(OnnxModel model) {
        this.model = model;
    }

    /** The model input for an image: what {@link #detect} runs, also replayed bare by the benchmark. */
    public record Input(FloatBuffer tensor, long[] shape, double scaleX, double scaleY) {
    }

    public Input prepare(RgbImage image) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.width(), image.height()));
        int w = Math.max(32, (int) Math.round(image.width() * scale / 32) * 32);
        int h = Math.max(32, (int) Math.round(image.height() * scale / 32) * 32);
        FloatBuffer buffer = ByteBuffer.allocateDirect(3 * w * h * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        double sx = (double) image.width() / w;
        double sy = (double) image.height() / h;
        // Pixel centres: output (x + 0.5) · s − 0.5 in the source.
        Sampler.sample(image, new Affine(sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5), w, h, NORMALISATION, buffer);
        buffer.rewind();
        return new Input(buffer, new long[] {1, 3, h, w}, sx, sy);
    }

    public List<TextBox> detect(RgbImage image) {
        Input input = prepare(image);
        float[] map = model.runOn(input.tensor(), input.shape()).values().iterator().next();
        return boxes(map, (int) input.shape()[3], (int) input.shape()[2], input.scaleX(), input.scaleY());
    }

    static List<TextBox> boxes(float[] map, int w, int h, double scaleX, double scaleY) {
        int[] label = new int[w * h];
        int[] stack = new int[w * h];
        List<TextBox> boxes = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < map.length; start++) {
            if (map[start] <= PIXEL_THRESHOLD || label[start] != 0) {
                continue;
            }
            next++;
            // Flood fill, gathering the moments of the region.
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            long n = 0;
            double sumX = 0, sumY = 0, sumXX = 0, sumYY = 0, sumXY = 0, sumP = 0;
            List<Integer> pixels = new ArrayList<>();
            while (top > 0) {
                int p = stack[--top];
                pixels.add(p);
                int x = p % w;
                int y = p / w;
                n++;
                sumX += x;
                sumY += y;
                sumXX += (double) x * x;
                sumYY += (double) y * y;
                sumXY += (double) x * y;
                sumP += map[p];
                if (x > 0) top = push(map, label, stack, top, p - 1, next);
                if (x < w - 1) top = push(map, label, stack, top, p + 1, next);
                if (y > 0) top = push(map, label, stack, top, p - w, next);
                if (y < h - 1) top = push(map, label, stack, top, p + w, next);
            }
            if (n < MIN_PIXELS || sumP / n < BOX_THRESHOLD) {
                continue;
            }
            double mx = sumX / n;
            double my = sumY / n;
            double cxx = sumXX / n - mx * mx;
            double cyy = sumYY / n - my * my;
            double cxy = sumXY / n - mx * my;
            double angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
            if (angle > Math.PI / 4) {
                angle -= Math.PI / 2;
            } else if (angle < -Math.PI / 4) {
                angle += Math.PI / 2;
            }
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double minU = Double.MAX_VALUE, maxU = -Double.MAX_VALUE, minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
            for (int p : pixels) {
                double dx = p % w - mx;
                double dy = p / w - my;
                double u = dx * cos + dy * sin;
                double v = -dx * sin + dy * cos;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double bw = maxU - minU + 1;
            double bh = maxV - minV + 1;
            double grow = bw * bh * UNCLIP_RATIO / (2 * (bw + bh));
            double centreU = (minU + maxU) / 2;
            double centreV = (minV + maxV) / 2;
            double cx = mx + centreU * cos - centreV * sin + 0.5;
            double cy = my + centreU * sin + centreV * cos + 0.5;
            bw += 2 * grow;
            bh += 2 * grow;
            // Back to image pixels (the two scales differ only by rounding to multiples of 32).
            double ux = cos * scaleX, uy = sin * scaleY;
            double vx = -sin * scaleX, vy = cos * scaleY;
            boxes.add(new TextBox(cx * scaleX, cy * scaleY, bw * Math.hypot(ux, uy), bh * Math.hypot(vx, vy),
                    Math.atan2(uy, ux), (float) (sumP / n)));
        }
        return boxes;
    }

    private static int push(float[] map, int[] label, int[] stack, int top, int q, int id) {
        if (label[q] == 0 && map[q] > PIXEL_THRESHOLD) {
            label[q] = id;
            stack[top++] = q;
        }
        return top;
    }
}
