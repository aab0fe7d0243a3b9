package io.verity.launcher;

import io.verity.documents.read.OcrDocumentReader;
import io.verity.face.model.OnnxModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCR models' own share of reading documents: every model input the reader ran, recorded while it read, then
 * replayed through bare {@code OrtSession.run} on the same sessions. It is the reference for the document work of
 * bench documents and bench idv, as the matcher's analysis is for the face work.
 */
final class OcrModelRuns {

    /** One model run: the model, a copy of its input and the input's shape. */
    record Run(OnnxModel model, float[] input, long[] shape) {
    }

    /** A reading's model runs and how long the reading took, less the time spent copying the inputs. */
    record Recorded(List<Run> runs, long readNanos) {
    }

    private OcrModelRuns() {
    }

    static Recorded whileReading(OcrDocumentReader reader, Runnable read) {
        List<Run> runs = new ArrayList<>();
        reader.ocr().listen((model, input, shape) -> {
            float[] copy = new float[input.remaining()];
            input.duplicate().get(copy);
            runs.add(new Run(model, copy, shape.clone()));
        });
        long start = System.nanoTime();
        try {
            read.run();
        } finally {
            reader.ocr().listen(null);
        }
        long elapsed = System.nanoTime() - start;
        // The listener's copies were made inside the timed call: take them out again.
        return new Recorded(runs, elapsed - copyNanos(runs));
    }

    /** The bare run time of these inputs, each run once. */
    static long bareNanos(List<Run> runs) {
        long bare = 0;
        for (Run r : runs) {
            bare += r.model().timeBareRuns(r.input(), r.shape(), 1);
        }
        return bare;
    }

    private static long copyNanos(List<Run> recorded) {
        long start = System.nanoTime();
        for (Run r : recorded) {
            float[] copy = new float[r.input().length];
            System.arraycopy(r.input(), 0, copy, 0, copy.length);
        }
        return System.nanoTime() - start;
    }
}
