package io.execctl.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What the JVM itself did during a measurement: JIT compilation time (compiler threads, hidden from
 * the per-thread CPU figures) and garbage collections. On a 2-core machine a compiler thread running
 * takes a core from the lanes, the reader and PostgreSQL; a collection stops every Java thread. Both
 * show in a latency tail, neither in the statements.
 */
final class JvmActivity {
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private final long jitBefore = jitMillis();
    private final long gcCountBefore = gcCount();
    private final long gcMillisBefore = gcMillis();

    private JvmActivity() {}

    static JvmActivity start() {
        return new JvmActivity();
    }

    private long jitMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private long gcCount() {
        return gcs.stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum();
    }

    private long gcMillis() {
        return gcs.stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    String report() {
        return String.format(
                "jvm: JIT compilation %d ms during the measurement; GC %d collections, %d ms (%s)%n",
                jitMillis() - jitBefore,
                gcCount() - gcCountBefore,
                gcMillis() - gcMillisBefore,
                String.join(
                        ", ", gcs.stream().map(GarbageCollectorMXBean::getName).toList()));
    }
}
