package dev.text2pose.serving.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeliveryModeTest {

    @Test
    void modesAreReadAsWrittenInConfig() {
        assertEquals(DeliveryMode.EXACTLY_ONCE, DeliveryMode.parse("exactly-once"));
        assertEquals(DeliveryMode.AT_LEAST_ONCE, DeliveryMode.parse(" At_Least_Once "));
        assertThrows(IllegalArgumentException.class, () -> DeliveryMode.parse("at-most-once"));
    }

    @Test
    void pipelineConfigRefusesNonsense() {
        PipelineConfig d = PipelineConfig.defaults();
        assertEquals(DeliveryMode.EXACTLY_ONCE, d.delivery());
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig(d.maxBatchWait(), 0, d.delivery(),
                d.maxRecordAge(), d.instanceId(), d.modelReloadInterval()));
        assertThrows(IllegalArgumentException.class, () -> new PipelineConfig(d.maxBatchWait(), 1, d.delivery(),
                Optional.of(Duration.ZERO), d.instanceId(), d.modelReloadInterval()));
        assertThrows(IllegalArgumentException.class, () -> d.withInstanceId("has space"));
    }
}
