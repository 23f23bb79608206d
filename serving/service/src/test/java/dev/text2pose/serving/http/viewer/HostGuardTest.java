package dev.text2pose.serving.http.viewer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostGuardTest {

    private final HostGuard guard = new HostGuard("viewer.internal");

    @Test
    void theServiceNamesLocalhostAndAddressesAreAllowed() {
        assertTrue(guard.allows("localhost", null));
        assertTrue(guard.allows("127.0.0.1", "http://127.0.0.1:8080"));
        assertTrue(guard.allows("Viewer.Internal", "http://viewer.internal:8080"));
        assertTrue(guard.allows("10.1.2.3", null));
        assertTrue(guard.allows("[::1]", "http://[::1]:8080"));
        assertTrue(guard.allows("::1", null));
    }

    /** A rebinding page sends its own name in Host and Origin alike; either one foreign is refused. */
    @Test
    void foreignNamesAreRefused() {
        assertFalse(guard.allows("rebind.example", "http://rebind.example:8080"));
        assertFalse(guard.allows("rebind.example", null));
        assertFalse(guard.allows("localhost", "http://rebind.example"));
        assertFalse(guard.allows("localhost", "null"));
        assertFalse(guard.allows("127.0.0.1.rebind.example", null));
        assertFalse(guard.allows(null, null));
    }
}
