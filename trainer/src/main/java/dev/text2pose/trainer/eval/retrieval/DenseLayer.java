package dev.text2pose.trainer.eval.retrieval;

import dev.text2pose.model.NoiseSampler;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * A fully connected layer {@code y = W x + b} over a batch, with its own gradients and {@link AdamW} state.
 *
 * <p>Batches are flat row-major arrays ({@code [batch][features]}), and the weight is {@code [outputs][inputs]}, so
 * every inner loop runs over contiguous memory. Weights start Kaiming-normal ({@code std = sqrt(2 / inputs)}) from
 * {@link NoiseSampler}, whose normals are specified bit for bit, and biases at 0.
 */
final class DenseLayer {

    private final int inputs;
    private final int outputs;
    private final float[] weight;
    private final float[] bias;
    private final float[] weightGradient;
    private final float[] biasGradient;
    private final AdamW weightOptimiser;
    private final AdamW biasOptimiser;

    private DenseLayer(int inputs, int outputs, float[] weight, float[] bias) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weight = weight;
        this.bias = bias;
        this.weightGradient = new float[weight.length];
        this.biasGradient = new float[bias.length];
        this.weightOptimiser = new AdamW(weight.length);
        this.biasOptimiser = new AdamW(bias.length);
    }

    /** A fresh layer, Kaiming-normal from {@code seed}. */
    static DenseLayer kaiming(int inputs, int outputs, long seed) {
        float[] weight = new NoiseSampler(inputs * outputs).samples(seed, 1)[0];
        float std = (float) Math.sqrt(2.0 / inputs);
        for (int i = 0; i < weight.length; i++) {
            weight[i] *= std;
        }
        return new DenseLayer(inputs, outputs, weight, new float[outputs]);
    }

    int outputs() {
        return outputs;
    }

    /** {@code y = W x + b} for {@code batch} rows of {@code x}. */
    float[] forward(float[] x, int batch) {
        float[] y = new float[batch * outputs];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                float sum = bias[o];
                for (int i = 0, w = o * inputs, in = b * inputs; i < inputs; i++) {
                    sum += weight[w + i] * x[in + i];
                }
                y[b * outputs + o] = sum;
            }
        }
        return y;
    }

    /**
     * Adds this batch's gradients of {@code W} and {@code b} to the accumulated ones, given the forward input
     * {@code x} and the loss gradient {@code dy} of the output.
     *
     * @return the gradient of the input, or null when {@code inputGradient} is false (a first layer needs none)
     */
    float[] backward(float[] x, float[] dy, int batch, boolean inputGradient) {
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                float g = dy[b * outputs + o];
                biasGradient[o] += g;
                for (int i = 0, w = o * inputs, in = b * inputs; i < inputs; i++) {
                    weightGradient[w + i] += g * x[in + i];
                }
            }
        }
        if (!inputGradient) {
            return null;
        }
        float[] dx = new float[batch * inputs];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                float g = dy[b * outputs + o];
                for (int i = 0, w = o * inputs, in = b * inputs; i < inputs; i++) {
                    dx[in + i] += g * weight[w + i];
                }
            }
        }
        return dx;
    }

    /** Applies the accumulated gradients with AdamW (no decay on the bias) and clears them. */
    void step(int step, float learningRate, float weightDecay) {
        weightOptimiser.step(weight, weightGradient, step, learningRate, weightDecay);
        biasOptimiser.step(bias, biasGradient, step, learningRate, 0f);
        Arrays.fill(weightGradient, 0f);
        Arrays.fill(biasGradient, 0f);
    }

    /** The accumulated gradient of weight {@code [o][i]}, for gradient checks. */
    float weightGradient(int o, int i) {
        return weightGradient[o * inputs + i];
    }

    /** Weight {@code [o][i]}, settable for gradient checks. */
    float weight(int o, int i) {
        return weight[o * inputs + i];
    }

    void setWeight(int o, int i, float value) {
        weight[o * inputs + i] = value;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(inputs);
        out.writeInt(outputs);
        for (float w : weight) {
            out.writeFloat(w);
        }
        for (float b : bias) {
            out.writeFloat(b);
        }
    }

    static DenseLayer read(DataInputStream in) throws IOException {
        int inputs = in.readInt();
        int outputs = in.readInt();
        if (inputs <= 0 || outputs <= 0 || (long) inputs * outputs > 1 << 24) {
            throw new IOException("implausible layer shape " + inputs + " x " + outputs);
        }
        float[] weight = new float[inputs * outputs];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = in.readFloat();
        }
        float[] bias = new float[outputs];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = in.readFloat();
        }
        return new DenseLayer(inputs, outputs, weight, bias);
    }
}
