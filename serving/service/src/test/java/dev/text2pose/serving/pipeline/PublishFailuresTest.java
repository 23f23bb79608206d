package dev.text2pose.serving.pipeline;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublishFailuresTest {

    @Test
    void transientAndRebalanceFailuresAreRetried() {
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new TimeoutException("slow")));
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new CommitFailedException()));
        assertEquals(PublishFailures.Action.RETRY, PublishFailures.classify(new RebalanceInProgressException()));
        assertEquals(PublishFailures.Action.RETRY,
                PublishFailures.classify(new AcknowledgedPublisher.PublishFailedException(new TimeoutException("x"))));
    }

    @Test
    void aProducerThatCannotGoOnIsReplaced() {
        assertEquals(PublishFailures.Action.REOPEN_PRODUCER,
                PublishFailures.classify(new ProducerFencedException("newer epoch")));
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
}
