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
    /** Class index → the MRZ character it stands for ({@code c} → C, {@code «} → {@code <}), or 0 when none. */
    private final char[] mrzAlias;

    public TextRecognizer(OnnxModel model, List<String> dictionary) {
        this.model = model;
        this.classes = new String[dictionary.size() + 2];
        classes[0] = "";
        for (int i = 0; i < dictionary.size(); i++) {
            classes[i + 1] = dictionary.get(i);
        }
        classes[classes.length - 1] = " ";
        this.mrzAlias = new char[classes.length];
        for (int i = 1; i < classes.length; i++) {
            mrzAlias[i] = classes[i].length() == 1 ? alias(classes[i].charAt(0)) : 0;
        }
    }

    /**
     * What a dictionary character stands for in an MRZ, which has only capitals, digits and the filler: the model
     * often prefers a lower-case or full-width twin of an OCR-B capital, or a bracket-like glyph for the filler.
     */
    static char alias(char c) {
        if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '<') {
            return c;
        }
        if (c >= 'a' && c <= 'z') {
            return Character.toUpperCase(c);
        }
        if (c >= '\uFF21' && c <= '\uFF3A') {
            return (char) ('A' + c - '\uFF21');
        }
        if (c >= '\uFF10' && c <= '\uFF19') {
            return (char) ('0' + c - '\uFF10');
        }
        if ("«‹〈く＜".indexOf(c) >= 0) {
            return '<';
        }
        return c == '|' ? 'I' : 0;
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
        float[] mrzProbabilities = new float[steps];
        double confidence = 0;
        int emitted = 0;
        int previous = 0;
        char previousMrz = 0;
        for (int t = 0; t < steps; t++) {
            int base = t * c;
            int best = 0;
            int bestMrz = 0;
            for (int k = 1; k < c; k++) {
                float p = probabilities[base + k];
                if (p > probabilities[base + best]) {
                    best = k;
                }
                if (mrzAlias[k] != 0 && p > probabilities[base + bestMrz]) {
                    bestMrz = k;
                }
            }
            if (best != 0 && best != previous) {
                text.append(classes[best]);
                confidence += probabilities[base + best];
                emitted++;
            }
            char target = mrzAlias[bestMrz];
            if (target != 0 && target != previousMrz) {
                mrzProbabilities[mrz.length()] = probabilities[base + bestMrz];
                mrz.append(target);
            } else if (target != 0 && mrz.length() > 0) {
                mrzProbabilities[mrz.length() - 1] = Math.max(mrzProbabilities[mrz.length() - 1], probabilities[base + bestMrz]);
            }
            previous = best;
            previousMrz = target;
        }
        return new TextLine(box, text.toString().trim(), emitted == 0 ? 0 : (float) (confidence / emitted), mrz.toString(),
                java.util.Arrays.copyOf(mrzProbabilities, mrz.length()));
    }
}
