package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublishFailuresTest {

    @Test
    void transientAndRebalanceFailuresAreRetried() {
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new TimeoutException("slow")));
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new NotLeaderOrFollowerException("moved")));
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new CommitFailedException()));
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new RebalanceInProgressException()));
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new TransactionAbortableException("a")));
        assertEquals(PublishFailures.Action.RETRY,
                PublishFailures.classify(new AcknowledgedPublisher.PublishFailedException(new TimeoutException("x"))));
    }

    @Test
    void aProducerThatCannotGoOnIsReplaced() {
        assertEquals(PublishFailures.Action.REOPEN_PRODUCER,
                PublishFailures.classify(new ProducerFencedException("newer epoch")));
        assertEquals(PublishFailures.Action.REOPEN_PRODUCER,
                PublishFailures.classify(new InvalidPidMappingException("expired")));
        assertEquals(PublishFailures.Action.REOPEN_PRODUCER,
                PublishFailures.classify(new UnknownProducerIdException("lost")));
        assertEquals(PublishFailures.Action.REOPEN_PRODUCER, PublishFailures.classify(
                new KafkaException("in error state", new ProducerFencedException("fenced"))));
    }

    @Test
    void permissionsStopThePipeline() {
        assertEquals(PublishFailures.Action.STOP,
                PublishFailures.classify(new TopicAuthorizationException(Set.of("poses"))));
        assertEquals(PublishFailures.Action.STOP,
                PublishFailures.classify(new TransactionalIdAuthorizationException("no")));
    }

    /** The default path: an error Kafka does not call recoverable is never retried, however it is wrapped. */
    @Test
    void anUnrecognisedErrorStopsThePipeline() {
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(new RecordTooLargeException("1 MB")));
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(
                new KafkaException("Cannot execute transactional method because we are in an error state",
                        new RecordTooLargeException("1 MB"))));
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(new SerializationException("bad")));
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(new InvalidTopicException("bad name")));
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(new IllegalStateException("bug")));
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(new RuntimeException("unforeseen")));
        assertEquals(PublishFailures.Action.STOP, PublishFailures.classify(new KafkaException("unforeseen")));
    }
}
