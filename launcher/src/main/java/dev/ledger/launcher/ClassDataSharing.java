package dev.ledger.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One start of a service's jar with the JVM's class data sharing (CDS), Spring Boot's documented way to start
 * faster: the jar is extracted once per build into {@code <module>/target/cds/} (CDS only archives classes from
 * plain jars on the class path, not from a fat jar's nested ones), and the classes a run loaded are dumped into an
 * archive when that run exits, so later starts map them instead of loading and verifying them again. Every runner
 * of the build's jars (the local runner, the system tests, the fault suite, the benchmark's {@code bench/run.sh})
 * shares that directory, so an archive one of them wrote serves the others.
 * <p>
 * A start without an archive writes one to a file of its own, which {@link #ended(Process)} makes the module's
 * archive only after the JVM exited by itself or on SIGTERM (a dump is written on the way out): several first starts
 * may run at once, and one killed with SIGKILL writes nothing. A stale or unusable archive is ignored by the JVM,
 * never fatal; if the jar cannot be extracted the start runs plainly from it.
 */
public final class ClassDataSharing {

    /** The JDK's logger: the fault suite that uses this class carries no logging library. */
    private static final System.Logger LOG = System.getLogger(ClassDataSharing.class.getName());
    private static final String STAMP = "source.stamp";
    /** How a JVM that wrote its dump ends: by itself, or on SIGINT or SIGTERM (128 + the signal). */
    private static final Set<Integer> CLEAN_EXITS = Set.of(0, 130, 143);

    private final Path jar;
    private final Path extracted;
    private final Path archive;
    private final Path dump;

    /**
     * @param extracted the jar the JVM runs, or {@code null} to run {@code jar} plainly
     * @param dump      where this start writes its archive, or {@code null} when it maps {@code archive}
     */
    ClassDataSharing(Path jar, Path extracted, Path archive, Path dump) {
        this.jar = jar;
        this.extracted = extracted;
        this.archive = archive;
        this.dump = dump;
    }

    /** Prepares a start of {@code jar} ({@code <module>/target/<module>.jar}); extracts it if the build changed it. */
    public static ClassDataSharing of(String module, Path jar) {
        Path dir = jar.toAbsolutePath().getParent().resolve("cds");
        Path extracted = dir.resolve(jar.getFileName());
        Path archive = dir.resolve(module + ".jsa");
        try {
            extractIfChanged(jar, dir, extracted);
        } catch (IOException | InterruptedException | IllegalStateException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(System.Logger.Level.WARNING, "{0}: no class data sharing ({1}); starting from the jar", module,
                    e.getMessage());
            return new ClassDataSharing(jar, null, null, null);
        }
        if (Files.isRegularFile(archive)) {
            return new ClassDataSharing(jar, extracted, archive, null);
        }
        Path dump = dir.resolve(module + "-" + UUID.randomUUID() + ".jsa.part");
        return new ClassDataSharing(jar, extracted, archive, dump);
    }

    /** {@code <this JVM's java> <jvmOptions> <archive options> -jar <the extracted jar>}. */
    public List<String> command(List<String> jvmOptions) {
        if (extracted == null) {
            return ChildProcess.javaJar(jar, jvmOptions);
        }
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaBinary()));
        command.addAll(jvmOptions);
        command.add(dump == null ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + dump);
        // the dump lists every class it cannot archive (e.g. generated proxies) as a warning; none of it matters
        command.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", extracted.toString()));
        return command;
    }

    /**
     * Call once the process started from {@link #command} has ended: the archive it wrote on a clean exit becomes the
     * one every later start maps (replacing another first start's, which is just as good); after a kill or a crash
     * whatever it wrote is thrown away.
     */
    public void ended(Process process) {
        if (dump == null || process.isAlive()) {
            return;
        }
        try {
            if (CLEAN_EXITS.contains(process.exitValue()) && Files.isRegularFile(dump) && Files.size(dump) > 0) {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("keeping the class data archive " + dump, e);
        }
    }

    /** Whether this start writes the archive later starts will map (none was there for this build yet). */
    public boolean writesArchive() {
        return dump != null;
    }

    /** Synchronised: two starts of one module in this JVM must not extract into the same directory at once. */
    private static synchronized void extractIfChanged(Path jar, Path dir, Path extracted)
            throws IOException, InterruptedException {
        String source = Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis();
        Path stamp = dir.resolve(STAMP);
        if (Files.isRegularFile(extracted) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(source)) {
            return;
        }
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Process extraction = new ProcessBuilder(ChildProcess.javaBinary(), "-Djarmode=tools", "-jar", jar.toString(),
                                                "extract", "--destination", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!extraction.waitFor(60, TimeUnit.SECONDS) || extraction.exitValue() != 0) {
            extraction.destroyForcibly();
            throw new IllegalStateException("extracting " + jar + " failed");
        }
        Files.writeString(stamp, source);
    }
}
