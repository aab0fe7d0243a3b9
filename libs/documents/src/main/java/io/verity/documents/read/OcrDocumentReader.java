package io.verity.documents.read;

import io.verity.documents.DocumentFields;
import io.verity.documents.DocumentReader;
import io.verity.documents.DocumentReading;
import io.verity.documents.barcode.Aamva;
import io.verity.documents.barcode.AamvaParser;
import io.verity.documents.barcode.Pdf417Reader;
import io.verity.documents.mrz.Mrz;
import io.verity.documents.mrz.MrzReader;
import io.verity.documents.ocr.OcrEngine;
import io.verity.documents.ocr.TextLine;
import io.verity.documents.ocr.VisualZoneReader;
import io.verity.face.FaceRefusal;
import io.verity.face.image.ImageDecoder;
import io.verity.face.image.RgbImage;
import io.verity.face.model.ModelStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The document reader: PDF417/AAMVA from the back, the MRZ and the printed visual zone by PP-OCR from the front (and
 * the MRZ from the back of TD1 cards, which carry it there).
 *
 * <p>Construct it once and share it (thread-safe; it holds two ONNX Runtime sessions, about 60 MB):
 * <pre>{@code
 * DocumentReader reader = OcrDocumentReader.open();                    // models in $VERITY_MODELS_DIR or ~/.cache/verity/models
 * DocumentReader reader = OcrDocumentReader.open(Path.of("/models"), 1); // a given directory, ONNX Runtime intra-op threads
 * DocumentReading reading = reader.read(frontJpeg, backJpegOrNull, "drivers_license");
 * }</pre>
 * The model files are those pinned in {@code io/verity/documents/models.sha256} (fetched at build time by
 * {@code bin/fetch-models}, run by this module's build); a missing or altered file stops {@code open} with a
 * {@link io.verity.face.model.ModelException} naming it. Nothing is downloaded at run time.
 */
public final class OcrDocumentReader implements DocumentReader, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OcrDocumentReader.class);

    /** Images larger than this are refused; JPEGs are decoded at about {@link #WORKING_PIXELS}. */
    public static final long MAX_IMAGE_BYTES = 15L * 1024 * 1024;
    public static final long MAX_IMAGE_PIXELS = 50_000_000L;
    public static final long WORKING_PIXELS = 6_000_000L;

    private final OcrEngine ocr;
    private final ImageDecoder decoder = new ImageDecoder(MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, WORKING_PIXELS);

    public OcrDocumentReader(OcrEngine ocr) {
        this.ocr = ocr;
    }

    /** The reader on the models of the default cache ({@link ModelStore#defaultDirectory()}), one ONNX Runtime thread per call. */
    public static OcrDocumentReader open() {
        return open(ModelStore.defaultDirectory(), 1);
    }

    public static OcrDocumentReader open(Path modelsDir, int intraOpThreads) {
        return new OcrDocumentReader(OcrEngine.open(modelsDir, intraOpThreads));
    }

    public OcrEngine ocr() {
        return ocr;
    }

    @Override
    public DocumentReading read(byte[] front, byte[] back, String documentType) {
        List<String> problems = new ArrayList<>();
        RgbImage frontImage = decode(front, "front", problems);
        RgbImage backImage = back == null ? null : decode(back, "back", problems);
        boolean passport = "passport".equalsIgnoreCase(documentType);

        List<TextLine> frontLines = frontImage == null ? List.of() : ocr.read(frontImage);
        Optional<Mrz> mrz = frontImage == null ? Optional.empty()
                : MrzReader.find(frontLines, frontImage.width(), box -> ocr.recognizer().recognize(frontImage, box));
        if (mrz.isEmpty() && backImage != null) { // TD1 cards carry their MRZ on the back
            mrz = MrzReader.find(ocr.read(backImage), backImage.width(), box -> ocr.recognizer().recognize(backImage, box));
        }
        if (mrz.isEmpty()) {
            problems.add(frontImage == null ? "the MRZ was not read: no front image could be decoded"
                    : "no machine-readable zone was found on the document");
        } else if (!mrz.get().allChecksValid()) {
            problems.add("the machine-readable zone was read but " + mrz.get().checkDigits().stream()
                    .filter(c -> !c.valid()).map(DocumentReading.CheckDigit::field).toList() + " check digits do not match");
        }

        String rawBarcode = null;
        DocumentFields barcode = null;
        if (!passport) {
            RgbImage barcodeImage = backImage != null ? backImage : frontImage;
            if (barcodeImage != null) {
                Pdf417Reader.Outcome outcome = Pdf417Reader.read(barcodeImage);
                if (outcome.payload() == null) {
                    problems.add(backImage != null ? outcome.problem()
                            : "no back image was given, and " + outcome.problem().replace("on the back image", "on the front image"));
                } else {
                    rawBarcode = outcome.payload();
                    Optional<Aamva> aamva = AamvaParser.parse(rawBarcode);
                    if (aamva.isPresent()) {
                        barcode = aamva.get().fields();
                        aamva.get().warnings().forEach(w -> problems.add("barcode: " + w));
                    } else {
                        problems.add("the PDF417 barcode was read but is not an AAMVA DL/ID payload");
                    }
                }
            }
        }

        List<String> ocrText = frontLines.stream().map(TextLine::text).toList();
        DocumentFields visualZone = frontLines.isEmpty() ? null : VisualZoneReader.read(frontLines);
        LOG.debugf("document read: type=%s mrz=%s barcode=%s lines=%d problems=%d", documentType, mrz.isPresent(),
                barcode != null, frontLines.size(), problems.size());
        return new DocumentReading(barcode, rawBarcode, mrz.map(Mrz::fields).orElse(null),
                mrz.map(Mrz::lines).orElse(List.of()), mrz.map(Mrz::checkDigits).orElse(List.of()), visualZone, ocrText,
                List.copyOf(problems));
    }

    private RgbImage decode(byte[] bytes, String side, List<String> problems) {
        try {
            return decoder.decode(bytes);
        } catch (FaceRefusal e) {
            problems.add("the " + side + " image was not read: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.debugf(e, "the %s image could not be decoded", side);
            problems.add("the " + side + " image was not read: " + ImageDecoder.UNDECODABLE);
        }
        return null;
    }

    @Override
    public void close() {
        ocr.close();
    }
}
