package io.verity.launcher;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.verity.documents.DocumentReading;
import io.verity.launcher.OcrModelRuns.Run;
import io.verity.documents.mrz.MrzFormat;
import io.verity.documents.ocr.OcrEngine;
import io.verity.documents.read.OcrDocumentReader;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.MrzFixtures;
import io.verity.documents.tools.Photos;
import io.verity.face.model.ModelLoader;
import io.verity.face.model.ModelStore;
import io.verity.face.model.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code bin/verity bench documents}: generated phone photos of documents read by the document reader, against the
 * OCR models' own time in the same run.
 * <ol>
 *   <li>{@value #MRZ_DOCUMENTS} data pages (TD3, TD2, TD1, MRV-A in turn) with their MRZ in OCR-B and
 *       {@value #LICENCES} US licences (front with printed fields, back with an AAMVA PDF417), each turned up to 4°,
 *       blurred half the time and JPEG-compressed;</li>
 *   <li>the pipeline's time per document (bytes in, {@link DocumentReading} out: decoding, detection, recognition,
 *       MRZ repair, PDF417 and AAMVA, visual zone) against the sum of bare {@code OrtSession.run} times of every
 *       model input the pipeline ran, replayed on the same sessions: {@code document_overhead_ratio};</li>
 *   <li>{@code mrz_read_rate}: the share of MRZs read exactly, every line;</li>
 *   <li>DJL (its ONNX Runtime engine on our ONNX Runtime, BASIC optimisation and one thread set through
 *       {@link Criteria} options) against the same bare runs and against {@link OnnxModel#runOn}, on the recorded
 *       inputs of the first documents, and on two of the face engine's small models (ADR 0003).</li>
 * </ol>
 * The last line is {@code document_overhead_ratio=<x> mrz_read_rate=<r>}.
 */
final class DocumentBenchmark {

    static final int MRZ_DOCUMENTS = 40;
    static final int LICENCES = 8;
    static final int WARMUP = 2;
    static final int DJL_DOCUMENTS = 6;
    static final int FACE_RUNS = 300;

    int run() throws Exception {
        // DJL's engine insists on creating ONNX Runtime's process-wide environment itself (with its thread options),
        // and fails when the Java API made it first: start it before the reader's sessions.
        ai.djl.engine.Engine.getEngine("OnnxRuntime");
        Path modelsDir = ModelStore.defaultDirectory();
        Random random = new Random(9303);
        List<byte[]> fronts = new ArrayList<>();
        List<byte[]> backs = new ArrayList<>();
        List<List<String>> expectedMrz = new ArrayList<>();
        List<String> types = new ArrayList<>();
        MrzFormat[] formats = {MrzFormat.TD3, MrzFormat.TD2, MrzFormat.TD1, MrzFormat.MRV_A};
        for (int i = 0; i < MRZ_DOCUMENTS; i++) {
            MrzFormat format = formats[i % formats.length];
            MrzFixtures.Person person = MrzFixtures.random(random, switch (format) {
                case TD3 -> "P";
                case TD1 -> "ID";
                case MRV_A, MRV_B -> "V";
                case TD2 -> "I";
            });
            List<String> lines = MrzFixtures.lines(format, person);
            fronts.add(Photos.phonePhoto(Photos.dataPage(lines, Photos.printedFields(person)), random, 4));
            backs.add(null);
            expectedMrz.add(lines);
            types.add(format == MrzFormat.TD3 ? "passport" : "id_card");
        }
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < LICENCES; i++) {
            AamvaFixtures.Holder holder = AamvaFixtures.sample("USA");
            String payload = AamvaFixtures.payload(3 + i % 8, holder);
            payloads.add(payload);
            fronts.add(Photos.phonePhoto(Photos.licenceFront(holder), random, 4));
            backs.add(Photos.phonePhoto(Photos.licenceBack(payload), random, 4));
            expectedMrz.add(null);
            types.add("drivers_license");
        }
        System.out.printf("documents: %d MRZ data pages and %d licences, generated phone photos; %d cores; %s%n",
                MRZ_DOCUMENTS, LICENCES, Runtime.getRuntime().availableProcessors(), Runtime.version());

        try (OcrDocumentReader reader = OcrDocumentReader.open(modelsDir, 1)) {
            for (int i = 0; i < WARMUP; i++) {
                reader.read(fronts.get(i), backs.get(i), types.get(i));
            }
            List<List<Run>> runs = new ArrayList<>();
            long pipelineNanos = 0;
            int mrzExact = 0;
            int barcodes = 0;
            for (int i = 0; i < fronts.size(); i++) {
                int document = i;
                DocumentReading[] reading = new DocumentReading[1];
                OcrModelRuns.Recorded recorded = OcrModelRuns.whileReading(reader,
                        () -> reading[0] = reader.read(fronts.get(document), backs.get(document), types.get(document)));
                pipelineNanos += recorded.readNanos();
                runs.add(recorded.runs());
                if (expectedMrz.get(i) != null && expectedMrz.get(i).equals(reading[0].mrzLines())) {
                    mrzExact++;
                }
                if (expectedMrz.get(i) == null && payloads.get(i - MRZ_DOCUMENTS).equals(reading[0].rawBarcode())) {
                    barcodes++;
                }
            }
            long bareNanos = 0;
            int modelRuns = 0;
            for (List<Run> document : runs) {
                bareNanos += OcrModelRuns.bareNanos(document);
                modelRuns += document.size();
            }
            double perDocument = pipelineNanos / 1e6 / fronts.size();
            double modelPerDocument = bareNanos / 1e6 / fronts.size();
            double overhead = (double) pipelineNanos / bareNanos;
            double rate = (double) mrzExact / MRZ_DOCUMENTS;
            System.out.printf("pipeline: %.0f ms per document; bare OrtSession.run of its %d model inputs: %.0f ms per document%n",
                    perDocument, modelRuns, modelPerDocument);
            System.out.printf("mrz: %d of %d read exactly; barcodes: %d of %d read exactly%n", mrzExact, MRZ_DOCUMENTS,
                    barcodes, LICENCES);
            djl(modelsDir, reader.ocr(), runs.subList(0, Math.min(DJL_DOCUMENTS, runs.size())));
            djlOnFaceModels(modelsDir);
            System.out.printf("document_overhead_ratio=%.3f mrz_read_rate=%.3f%n", overhead, rate);
        }
        return 0;
    }

    /**
     * The face engine's small models, where a per-call overhead weighs most: {@value #FACE_RUNS} random inputs of
     * the landmark (1×64×64) and embedding (3×112×112) models through DJL and bare, interleaved.
     */
    private static void djlOnFaceModels(Path modelsDir) throws Exception {
        ModelStore store;
        try {
            store = ModelStore.open(modelsDir);
        } catch (RuntimeException e) {
            System.out.println("djl on face models: skipped, the face models are not in " + modelsDir + " (bin/fetch-models)");
            return;
        }
        ModelLoader loader = new ModelLoader(store, 1, ModelLoader.Provider.CPU);
        Random random = new Random(1);
        for (Object[] m : new Object[][] {{"fr_landmark.onnx", new long[] {1, 1, 64, 64}}, {"fr_feature.onnx", new long[] {1, 3, 112, 112}}}) {
            String file = (String) m[0];
            long[] shape = (long[]) m[1];
            try (OnnxModel model = loader.load(file, shape);
                    ZooModel<NDList, NDList> djlModel = criteria(store.path(file)).loadModel();
                    Predictor<NDList, NDList> predictor = djlModel.newPredictor()) {
                float[] input = new float[model.inputSize()];
                long bare = 0;
                long wrapper = 0;
                long djl = 0;
                for (int i = -20; i < FACE_RUNS; i++) {
                    for (int k = 0; k < input.length; k++) {
                        input[k] = random.nextFloat();
                    }
                    long b = model.timeBareRuns(input, shape, 1);
                    long start = System.nanoTime();
                    model.input().put(input);
                    model.run();
                    long w = System.nanoTime() - start;
                    start = System.nanoTime();
                    try (NDManager manager = djlModel.getNDManager().newSubManager()) {
                        NDList out = predictor.predict(new NDList(manager.create(FloatBuffer.wrap(input), new Shape(shape))));
                        for (NDArray o : out) {
                            o.toFloatArray();
                        }
                    }
                    long d = System.nanoTime() - start;
                    if (i >= 0) {
                        bare += b;
                        wrapper += w;
                        djl += d;
                    }
                }
                System.out.printf("djl vs bare OrtSession.run, %s: bare %.3f ms per call, OnnxModel.run %+.1f%%, DJL predict %+.1f%%%n",
                        file, bare / 1e6 / FACE_RUNS, 100.0 * (wrapper - bare) / bare, 100.0 * (djl - bare) / bare);
            }
        }
    }

    private static Criteria<NDList, NDList> criteria(Path file) {
        return Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator())
                .optOption("optLevel", "BASIC_OPT")
                .optOption("intraOpNumThreads", "1")
                .optOption("interOpNumThreads", "1")
                .optOption("executionMode", "SEQUENTIAL")
                .build();
    }

    /**
     * The same recorded inputs through DJL (NDArray in, NDList out, outputs read), through {@link OnnxModel#runOn}
     * (tensor made, run, outputs read) and bare (tensor made beforehand, outputs not read), interleaved, best of two.
     */
    private static void djl(Path modelsDir, OcrEngine ocr, List<List<Run>> runs) throws Exception {
        Map<OnnxModel, String> files = Map.of(ocr.detectorModel(), OcrEngine.DETECTOR, ocr.recognizerModel(), OcrEngine.RECOGNIZER);
        Map<OnnxModel, ZooModel<NDList, NDList>> djlModels = new HashMap<>();
        try {
            for (Map.Entry<OnnxModel, String> e : files.entrySet()) {
                djlModels.put(e.getKey(), criteria(OcrEngine.modelPath(modelsDir, e.getValue())).loadModel());
            }
            Map<OnnxModel, Predictor<NDList, NDList>> predictors = new HashMap<>();
            djlModels.forEach((k, v) -> predictors.put(k, v.newPredictor()));
            Map<OnnxModel, long[]> totals = new HashMap<>(); // bare, wrapper, djl
            for (int round = 0; round < 3; round++) {
                boolean warm = round == 0;
                for (List<Run> document : runs) {
                    for (Run r : document) {
                        long bare = r.model().timeBareRuns(r.input(), r.shape(), 1);
                        FloatBuffer direct = ByteBuffer.allocateDirect(r.input().length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
                        long start = System.nanoTime();
                        direct.put(r.input()).rewind();
                        r.model().runOn(direct, r.shape());
                        long wrapper = System.nanoTime() - start;
                        start = System.nanoTime();
                        try (NDManager manager = djlModels.get(r.model()).getNDManager().newSubManager()) {
                            NDArray array = manager.create(FloatBuffer.wrap(r.input()), new Shape(r.shape()));
                            NDList out = predictors.get(r.model()).predict(new NDList(array));
                            for (NDArray o : out) {
                                o.toFloatArray();
                            }
                        }
                        long djl = System.nanoTime() - start;
                        if (!warm) {
                            long[] t = totals.computeIfAbsent(r.model(), k -> new long[3]);
                            t[0] += bare;
                            t[1] += wrapper;
                            t[2] += djl;
                        }
                    }
                }
            }
            long[] all = new long[3];
            for (Map.Entry<OnnxModel, long[]> e : totals.entrySet()) {
                long[] t = e.getValue();
                System.out.printf("djl vs bare OrtSession.run, %s: bare %.1f ms, OnnxModel.runOn %+.1f%%, DJL predict %+.1f%%%n",
                        e.getKey().name(), t[0] / 1e6, 100.0 * (t[1] - t[0]) / t[0], 100.0 * (t[2] - t[0]) / t[0]);
                for (int k = 0; k < 3; k++) {
                    all[k] += t[k];
                }
            }
            System.out.printf("djl_overhead=%.3f onnxmodel_overhead=%.3f (time over bare OrtSession.run, OCR models, %d documents' inputs)%n",
                    (double) (all[2] - all[0]) / all[0], (double) (all[1] - all[0]) / all[0], runs.size());
            predictors.values().forEach(Predictor::close);
        } finally {
            djlModels.values().forEach(ZooModel::close);
        }
    }
}
