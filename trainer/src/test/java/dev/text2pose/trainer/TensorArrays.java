package dev.text2pose.trainer;

import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Test-side conversions between libtorch tensors and Java arrays, and state snapshots for comparisons. */
public final class TensorArrays {

    private TensorArrays() {
    }

    /** A copy of a float tensor's values in row-major order. */
    public static float[] values(Tensor tensor) {
        Tensor dense = tensor.detach().contiguous();
        float[] out = new float[Math.toIntExact(dense.numel())];
        dense.data_ptr_float().get(out);
        return out;
    }

    /** A name -> values copy of a dictionary such as {@code named_parameters()} or {@code named_buffers()}. */
    public static Map<String, float[]> snapshot(StringTensorDict dict) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (long i = 0; i < dict.size(); i++) {
            StringTensorDictItem item = dict.get(i);
            Tensor value = item.value();
            // num_batches_tracked is int64; compare it as float, which is exact for small counts.
            out.put(item.key().getString(), values(value.to(ScalarType.Float)));
        }
        return out;
    }

    /** {@code rows} unit-norm vectors of length {@code dim}, as a sentence encoder gives, row-major. */
    public static float[] unitRows(Random random, int rows, int dim) {
        float[] out = gaussian(random, rows * dim);
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int c = 0; c < dim; c++) {
                norm += out[r * dim + c] * out[r * dim + c];
            }
            float inverse = (float) (1.0 / Math.sqrt(norm));
            for (int c = 0; c < dim; c++) {
                out[r * dim + c] *= inverse;
            }
        }
        return out;
    }

    /** {@code n} standard normal values. */
    public static float[] gaussian(Random random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
