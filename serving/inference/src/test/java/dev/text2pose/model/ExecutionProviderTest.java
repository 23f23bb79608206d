package dev.text2pose.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionProviderTest {

    @Test
    void parsesConfigValuesInAnyCase() {
        assertEquals(ExecutionProvider.AUTO, ExecutionProvider.parse("auto"));
        assertEquals(ExecutionProvider.CUDA, ExecutionProvider.parse(" CUDA "));
        assertEquals(ExecutionProvider.CPU, ExecutionProvider.parse("Cpu"));
    }

    @Test
    void namesTheAcceptedValuesWhenItCannotParse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("gpu"));
        assertTrue(e.getMessage().contains("auto, cuda or cpu"), e.getMessage());
    }
}
