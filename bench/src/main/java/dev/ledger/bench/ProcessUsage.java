package dev.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and memory of one process from Linux's /proc: peak resident set (VmHWM), current resident set (VmRSS)
 * and user + system CPU ticks (fields 14 and 15 of /proc/pid/stat). On a machine without /proc everything reads 0.
 */
record ProcessUsage(long cpuTicks, long peakRssKb, long rssKb) {

    /** USER_HZ: 100 on every Linux the JDK runs on; /proc/pid/stat counts in these ticks. */
    static final double TICKS_PER_SECOND = 100.0;

    static ProcessUsage of(long pid) {
        if (pid <= 0) {
            return new ProcessUsage(0, 0, 0);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces; the fields after its closing parenthesis do not
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return new ProcessUsage(ticks, kilobytes(status, "VmHWM:"), kilobytes(status, "VmRSS:"));
        } catch (IOException | RuntimeException gone) {
            return new ProcessUsage(0, 0, 0);
        }
    }

    private static long kilobytes(List<String> status, String field) {
        return status.stream()
                     .filter(line -> line.startsWith(field))
                     .map(line -> line.substring(field.length()).trim().split("\\s+")[0])
                     .mapToLong(Long::parseLong)
                     .findFirst()
                     .orElse(0);
    }

    /** Cores busy on average between two readings: 1.0 is one core fully used. */
    static double coresBusy(ProcessUsage before, ProcessUsage after, double seconds) {
        return seconds <= 0 ? 0 : (after.cpuTicks - before.cpuTicks) / TICKS_PER_SECOND / seconds;
    }
}
