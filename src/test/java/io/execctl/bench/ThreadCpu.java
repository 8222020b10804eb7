package io.execctl.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process's threads over a measurement, grouped by thread name (digits dropped):
 * how much CPU each notice costs in each stage, independent of how many other processes share the
 * cores. (PostgreSQL's own CPU is not in it.)
 */
final class ThreadCpu {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();
    private final long processBefore = processCpu();

    private ThreadCpu() {
        for (long id : mx.getAllThreadIds()) {
            before.put(id, Math.max(0, mx.getThreadCpuTime(id)));
        }
    }

    static ThreadCpu start() {
        return new ThreadCpu();
    }

    private static long processCpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    String report(long notices) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("[0-9]+", "#");
            byGroup.merge(group, cpu - before.getOrDefault(id, 0L), Long::sum);
        }
        StringBuilder b = new StringBuilder(String.format(
                "cpu: process %.1f us per notice (sim and benchmark included); by thread group (us per notice):%n",
                (processCpu() - processBefore) / 1e3 / notices));
        byGroup.entrySet().stream()
                .filter(e -> e.getValue() / 1e3 / notices >= 1.0)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .limit(10)
                .forEach(e -> b.append(String.format("  %-40s %8.1f%n", e.getKey(), e.getValue() / 1e3 / notices)));
        return b.toString();
    }
}
