package io.verity.idv.service;

import io.verity.documents.DocumentReader;
import io.verity.documents.read.OcrDocumentReader;
import io.verity.face.model.ModelStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The document reader of libs/documents (PDF417/AAMVA, MRZ and printed zone by PP-OCR), opened on first use from the
 * models in {@code VERITY_MODELS_DIR} (default {@code ~/.cache/verity/models}), where the build put them checked
 * against their SHA-256. One instance serves every request (thread-safe; two ONNX Runtime sessions, about 60 MB).
 */
@ApplicationScoped
public class DocumentReaders {

    private static final Logger LOG = Logger.getLogger(DocumentReaders.class);

    private OcrDocumentReader reader;

    /** The OCR reader; throws (and finalization reports the document as not read) when its models are missing. */
    public synchronized DocumentReader ocr() {
        if (reader == null) {
            reader = OcrDocumentReader.open(ModelStore.defaultDirectory(), 1);
            LOG.infof("document reader opened on the models of %s", ModelStore.defaultDirectory());
        }
        return reader;
    }

    @Produces
    @Singleton
    DocumentReader reader() {
        return (front, back, type) -> ocr().read(front, back, type);
    }

    @PreDestroy
    synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
