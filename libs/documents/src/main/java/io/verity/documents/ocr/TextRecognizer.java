package io.verity.documents.ocr;

import io.verity.face.image.RgbImage;
import io.verity.face.model.OnnxModel;
import io.verity.face.tensor.Sampler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * PP-OCRv4's CRNN recogniser: a text box cropped upright to 48 pixels high (width by its aspect), BGR scaled to
 * [−1, 1]; out come per-column class probabilities over blank, the dictionary and space, decoded the CTC way
 * (best class per column, repeats merged, blanks dropped). The MRZ decoding takes the best class among
 * {@code A–Z 0–9 <} only, so a filler is never read as a look-alike from the Chinese dictionary.
 */
public final class TextRecognizer {

    static final int HEIGHT = 48;
    static final int MAX_WIDTH = 2048;
    static final int MIN_WIDTH = 16;

    private static final Sampler.Normalisation NORMALISATION = Sampler.Normalisation.rgb(127.5f, 1 / 127.5f).inBgrOrder();

    private final OnnxModel model;
    /** Class index → character: 0 is CTC's blank, then the dictionary, then space. */
    private final String[] classes;
    private final boolean[] mrzClass;

    public TextRecognizer(OnnxModel model, List<String> dictionary) {
        this.model = model;
        this.classes = new String[dictionary.size() + 2];
        classes[0] = "";
        for (int i = 0; i < dictionary.size(); i++) {
            classes[i + 1] = dictionary.get(i);
        }
        classes[classes.length - 1] = " ";
        this.mrzClass = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            String c = classes[i];
            mrzClass[i] = i == 0 || c.length() == 1 && (c.charAt(0) >= 'A' && c.charAt(0) <= 'Z'
                    || c.charAt(0) >= '0' && c.charAt(0) <= '9' || c.charAt(0) == '<');
        }
    }

    /** The model input for a box: what {@link #recognize} runs, also replayed bare by the benchmark. */
    public record Input(FloatBuffer tensor, long[] shape) {
    }

    public Input prepare(RgbImage image, TextBox box) {
        int width = (int) Math.round(HEIGHT * box.width() / Math.max(1, box.height()));
        width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
        FloatBuffer buffer = ByteBuffer.allocateDirect(3 * HEIGHT * width * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        Sampler.sample(image, box.cropToImage(width, HEIGHT), width, HEIGHT, NORMALISATION, buffer);
        buffer.rewind();
        return new Input(buffer, new long[] {1, 3, HEIGHT, width});
    }

    public TextLine recognize(RgbImage image, TextBox box) {
        Input input = prepare(image, box);
        float[] probabilities = model.runOn(input.tensor(), input.shape()).values().iterator().next();
        return decode(box, probabilities);
    }

    TextLine decode(TextBox box, float[] probabilities) {
        int c = classes.length;
        int steps = probabilities.length / c;
        StringBuilder text = new StringBuilder();
        StringBuilder mrz = new StringBuilder();
        double confidence = 0;
        int emitted = 0;
        int previous = 0;
        int previousMrz = 0;
        for (int t = 0; t < steps; t++) {
            int base = t * c;
            int best = 0;
            int bestMrz = 0;
            for (int k = 1; k < c; k++) {
                float p = probabilities[base + k];
                if (p > probabilities[base + best]) {
                    best = k;
                }
                if (mrzClass[k] && p > probabilities[base + bestMrz]) {
                    bestMrz = k;
                }
            }
            if (best != 0 && best != previous) {
                text.append(classes[best]);
                confidence += probabilities[base + best];
                emitted++;
            }
            if (bestMrz != 0 && bestMrz != previousMrz) {
                mrz.append(classes[bestMrz]);
            }
            previous = best;
            previousMrz = bestMrz;
        }
        return new TextLine(box, text.toString().trim(), emitted == 0 ? 0 : (float) (confidence / emitted), mrz.toString());
    }
}
