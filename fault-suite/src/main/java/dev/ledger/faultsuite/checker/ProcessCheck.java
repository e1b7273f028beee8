package dev.ledger.faultsuite.checker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes themselves: none ended unless a fault ended it, and no log shows the JVM running out of memory
 * (a thread that dies of it can leave a process alive but broken).
 */
final class ProcessCheck {

    private static final String OUT_OF_MEMORY = "java.lang.OutOfMemoryError";

    private ProcessCheck() {
    }

    static CheckResult check(List<String> crashes, Path logs) {
        CheckResult result = new CheckResult("no process died on its own, no OutOfMemoryError in any log");
        crashes.forEach(crash -> result.violation(crash));
        int logFiles = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                logFiles++;
                long lines;
                try (Stream<String> text = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                    lines = text.filter(line -> line.contains(OUT_OF_MEMORY)).count();
                }
                if (lines > 0) {
                    result.violation(String.format("%s: %d lines name %s (heap dump, if any, beside it)",
                                                   log.getFileName(), lines, OUT_OF_MEMORY));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.fact("%d process logs read, %d exits of their own", logFiles, crashes.size());
        return result;
    }
}
