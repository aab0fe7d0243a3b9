package io.verity.documents.ocr;

import io.verity.face.model.OnnxModel;
import java.nio.FloatBuffer;

/** Told of every model run of the OCR: the model, its input (rewound; read it, don't keep it) and the input's shape. */
@FunctionalInterface
public interface ModelRuns {
    void ran(OnnxModel model, FloatBuffer input, long[] shape);
}
