package dev.text2pose.serving.pipeline;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one place where a failure to publish or commit a batch is classified, and what the pipeline does about it. In
 * every case but {@link Action#STOP} the batch is served again from its first offset, so nothing is lost.
 */
public final class PublishFailures {

    /** What the pipeline does after a failed batch. */
    public enum Action {
        /**
         * Transient or rebalance-related (timeouts, a broker restarting, a commit refused because the partitions
         * moved): abort the transaction if there is one, rewind, and serve the batch again after a pause.
         */
        RETRY,
        /**
         * The producer cannot go on (fenced by a newer epoch, e.g. after the coordinator aborted a transaction that
         * outlived its timeout, or lost its sequence): close it, open a new one, rewind and retry.
         */
        REOPEN_PRODUCER,
        /** Configuration or permissions are wrong; retrying cannot help: the pipeline stops loudly. */
        STOP
    }

    private PublishFailures() {
    }

    /** Classifies a failure by its cause chain. */
    public static Action classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException
                    || t instanceof UnsupportedVersionException) {
                return Action.STOP;
            }
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                    || t instanceof OutOfOrderSequenceException || t instanceof UnknownProducerIdException
                    || t instanceof IllegalStateException) {
                // IllegalStateException: a producer already in a fatal error state refuses every further call.
                return Action.REOPEN_PRODUCER;
            }
        }
        return Action.RETRY;
    }
}
