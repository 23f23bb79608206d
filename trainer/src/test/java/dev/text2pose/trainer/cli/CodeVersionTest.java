package dev.text2pose.trainer.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeVersionTest {

    @Test
    void isAShortHashMarkedDirtyWhenTheTreeDiffersOrUnknown() {
        // Tests run in the repository (a clean clone in CI, a working tree here), so this is a hash almost always;
        // a tag or a long description would break the provenance's format.
        String version = CodeVersion.current();
        assertTrue(version.matches("[0-9a-f]{7,40}(-dirty)?") || version.equals(CodeVersion.UNKNOWN), version);
    }
}
