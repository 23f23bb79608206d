package dev.text2pose.serving.pipeline;

import dev.text2pose.model.RequestLimits;
import dev.text2pose.schema.CaptionEvent;
import dev.text2pose.schema.EventCodec;
import dev.text2pose.schema.Interpolation;
import dev.text2pose.schema.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What serving a caption record costs, in poses ({@code samples x frames}, the generator's rows), read from the record
 * when it is polled so that batches can be bounded by cost rather than by count. A record that will be dead-lettered
 * costs 1. Decoding a record of at most {@link CaptionRecordLimits#MAX_RECORD_BYTES} takes microseconds.
 */
final class CaptionCost {

    /** The largest request: 16 samples x 60 frames, 960 poses. */
    static final int MAX_REQUEST_POSES = RequestLimits.MAX_SAMPLES * RequestLimits.MAX_INTERPOLATION_FRAMES;

    private final EventCodec<CaptionEvent> codec = EventCodec.captions();

    /** Poses the record asks for, between 1 and {@link #MAX_REQUEST_POSES}. */
    int poses(ConsumerRecord<byte[], byte[]> record) {
        try {
            CaptionRecordLimits.checkSize(record.value());
            CaptionEvent event = codec.decode(record.value());
            Interpolation interpolation = event.getInterpolation();
            long poses = (long) event.getSamples() * (interpolation == null ? 1 : interpolation.getFrames());
            return (int) Math.max(1, Math.min(poses, MAX_REQUEST_POSES));
        } catch (MalformedEventException undecodable) {
            return 1;
        }
    }
}
