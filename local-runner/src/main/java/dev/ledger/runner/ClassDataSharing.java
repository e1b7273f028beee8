package dev.ledger.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.ledger.launcher.ChildProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a service with the JVM's class data sharing (CDS), Spring Boot's documented way to start faster: the
 * jar is extracted once per build (CDS only archives classes from plain jars on the class path, not from a fat
 * jar's nested ones), and the classes a run loaded are dumped into an archive when that run exits, so the next
 * start maps them instead of loading and verifying them again. The first start after a build runs without the
 * archive and writes it when stopped (Ctrl-C); a stale or unusable archive is ignored by the JVM, never fatal.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final String STAMP = "source.stamp";

    private ClassDataSharing() {
    }

    /**
     * The command line that runs {@code jar} with an archive in {@code <module>/target/cds}, or plainly if the jar
     * cannot be extracted, with the given JVM options (for the services {@code @service-jvm.options}, the java
     * argument file every run mode shares).
     */
    static List<String> command(String module, Path jar, List<String> jvmOptions) {
        Path dir = jar.getParent().resolve("cds");
        Path extracted = dir.resolve(jar.getFileName());
        Path archive = dir.resolve(module + ".jsa");
        String java = ChildProcess.javaBinary();
        try {
            String source = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
            Path stamp = dir.resolve(STAMP);
            if (!Files.isRegularFile(extracted) || !Files.isRegularFile(stamp)
                    || !Files.readString(stamp).equals(source)) {
                extract(java, jar, dir);
                Files.writeString(stamp, source);
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("{}: no class data sharing ({}); starting from the jar", module, e.getMessage());
            return ChildProcess.javaJar(jar, jvmOptions);
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        } else {
            LOG.info("{}: first start of this build; its class data archive is written when it stops", module);
            command.add("-XX:ArchiveClassesAtExit=" + archive);
        }
        // the dump lists every class it cannot archive (e.g. generated proxies) as a warning; none of it matters
        command.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", extracted.toString()));
        return command;
    }

    private static void extract(String java, Path jar, Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Process extraction = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract",
                                                "--destination", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!extraction.waitFor(60, TimeUnit.SECONDS) || extraction.exitValue() != 0) {
            extraction.destroyForcibly();
            throw new IllegalStateException("extracting " + jar + " failed");
        }
    }
}
