package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionAbortedException;

/**
 * The one place where a failure to publish or commit a batch is classified, by Kafka's own categories. Only what Kafka
 * documents as recoverable is retried (and only a bounded number of times, see {@link RetryBudget}); anything else,
 * whether a wrong configuration, missing permissions, a record too large or an error nobody foresaw, stops the
 * pipeline, so the instance exits and is restarted or looked at instead of retrying the same batch forever. In every
 * case but {@link Action#STOP} the batch is served again from its first offset, so nothing is lost.
 */
public final class PublishFailures {

    /** What the pipeline does after a failed batch. */
    public enum Action {
        /**
         * Kafka's {@link RetriableException}s (timeouts, a broker restarting, a coordinator moving), an aborted or
         * abortable transaction, and a commit refused because the group rebalanced: abort the transaction if there
         * is one, rewind, and serve the batch again after a pause.
         */
        RETRY,
        /**
         * Kafka's {@link ApplicationRecoverableException}s (fenced by a newer epoch, e.g. after the coordinator aborted
         * a transaction that outlived its timeout; an unknown producer id mapping) and a lost sequence: the producer
         * cannot go on, so close it, open a new one, rewind and retry.
         */
        REOPEN_PRODUCER,
        /** Anything else: retrying cannot help, so the pipeline stops loudly and the process exits. */
        STOP
    }

    private PublishFailures() {
    }

    /** Classifies a failure by the first exception in its cause chain that Kafka puts in a recoverable category. */
    public static Action classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApplicationRecoverableException || t instanceof OutOfOrderSequenceException) {
                return Action.REOPEN_PRODUCER;
            }
            if (t instanceof RetriableException || t instanceof TransactionAbortableException
                    || t instanceof TransactionAbortedException || t instanceof CommitFailedException
                    || t instanceof RebalanceInProgressException) {
                return Action.RETRY;
            }
        }
        return Action.STOP;
    }
}
