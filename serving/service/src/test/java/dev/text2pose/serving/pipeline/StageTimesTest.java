package dev.text2pose.serving.pipeline;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StageTimesTest {

    @Test
    void roundTripsThroughItsHeader() {
        StageTimes times = new StageTimes(1_764_000_000_000_001L, 1_764_000_000_000_502L, 1_764_000_000_005_503L);
        RecordHeaders headers = new RecordHeaders();
        headers.add(StageTimes.HEADER, times.encode());
        assertEquals(Optional.of(times), StageTimes.of(headers));
    }

    @Test
    void absentOrMalformedHeadersGiveNothing() {
        assertEquals(Optional.empty(), StageTimes.of(new RecordHeaders()));
        for (String bad : new String[] {"", "1,2", "1,2,3,4", "1,x,3", "1,,3"}) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(StageTimes.HEADER, bad.getBytes(StandardCharsets.US_ASCII));
            assertEquals(Optional.empty(), StageTimes.of(headers), bad);
        }
    }
}
