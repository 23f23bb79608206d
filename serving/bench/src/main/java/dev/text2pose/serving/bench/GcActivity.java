package dev.text2pose.serving.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * This JVM's garbage collections so far (the service runs in it): count and accumulated time, so a phase's share is
 * the difference of two readings. Young collections stop the application for their whole time; concurrent cycles
 * are counted by G1 under their own bean, so the time is an upper bound of the pauses. Pause by pause:
 * {@code -Xlog:gc}.
 */
record GcActivity(long collections, long millis) {

    static GcActivity now() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new GcActivity(count, time);
    }

    /** What happened since {@code before}, in words. */
    String since(GcActivity before) {
        return String.format("%d collections, %d ms", collections - before.collections, millis - before.millis);
    }
}
