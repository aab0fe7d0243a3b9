package io.verity.face.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ONNX Runtime session, created once and shared: {@link OrtSession#run} is thread-safe. Each thread fills its
 * own direct input buffer, which ONNX Runtime reads without copying.
 */
public final class OnnxModel implements AutoCloseable {

    /** Sees every input a model runs on (the benchmark replays them on the bare session). */
    public interface InputListener {
        void ran(OnnxModel model, float[] input);
    }

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private final int inputSize;
    private final ThreadLocal<FloatBuffer> inputs;
    private volatile InputListener listener;

    OnnxModel(String name, OrtEnvironment env, OrtSession session, long[] inputShape) throws OrtException {
        this.name = name;
        this.env = env;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.inputShape = inputShape;
        long size = 1;
        for (long d : inputShape) {
            size *= d;
        }
        this.inputSize = (int) size;
        this.inputs = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(inputSize * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer());
    }

    public String name() {
        return name;
    }

    /** This thread's input buffer, rewound: fill it, then call {@link #run()}. */
    public FloatBuffer input() {
        FloatBuffer buffer = inputs.get();
        buffer.clear();
        return buffer;
    }

    /** Runs on this thread's input buffer and returns every output as a flat float array, by output name. */
    public Map<String, float[]> run() {
        FloatBuffer buffer = inputs.get();
        buffer.rewind();
        InputListener l = listener;
        if (l != null) {
            float[] copy = new float[inputSize];
            buffer.get(copy).rewind();
            l.ran(this, copy);
        }
        return runOn(buffer);
    }

    /** Runs on a given input: the bare ONNX Runtime call, for measuring it against the pipeline. */
    public Map<String, float[]> runOn(FloatBuffer input) {
        return runOn(input, inputShape);
    }

    /**
     * Runs on an input of a given shape, for models with dynamic axes (the OCR models: each text line has its own
     * width). The buffer should be direct so that ONNX Runtime reads it without a copy.
     */
    public Map<String, float[]> runOn(FloatBuffer input, long[] shape) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> entry : result) {
                FloatBuffer values = ((OnnxTensor) entry.getValue()).getFloatBuffer();
                float[] array = new float[values.remaining()];
                values.get(array);
                outputs.put(entry.getKey(), array);
            }
            return outputs;
        } catch (OrtException e) {
            throw new ModelException(name + " failed to run: " + e.getMessage(), e);
        }
    }

    /**
     * Nanoseconds that {@code times} bare {@link OrtSession#run} calls take on {@code input}: the tensor is made
     * beforehand and outputs are not read, so this is ONNX Runtime's own time, the reference for the pipeline's.
     */
    public long timeBareRuns(float[] input, int times) {
        return timeBareRuns(input, inputShape, times);
    }

    /** As {@link #timeBareRuns(float[], int)}, on an input of a given shape (models with dynamic axes). */
    public long timeBareRuns(float[] input, long[] shape, int times) {
        FloatBuffer buffer = ByteBuffer.allocateDirect(input.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        buffer.put(input).rewind();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape)) {
            Map<String, OnnxTensor> feed = Map.of(inputName, tensor);
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                session.run(feed).close();
            }
            return System.nanoTime() - start;
        } catch (OrtException e) {
            throw new ModelException(name + " failed to run: " + e.getMessage(), e);
        }
    }

    public void listen(InputListener newListener) {
        this.listener = newListener;
    }

    public int inputSize() {
        return inputSize;
    }


    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("could not close " + name + ": " + e.getMessage(), e);
        }
    }
}
