package dev.ledger.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JVMs on a small jar of their own: a first start dumps its classes to a file of its own, which becomes the
 * module's archive only when the process stopped cleanly, and a later start maps it.
 */
class ClassDataSharingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Path jar;
    private Path archive;

    @BeforeEach
    void jar() throws IOException {
        jar = dir.resolve("app.jar");
        archive = dir.resolve("app.jsa");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Waiter.class.getName());
        String entry = Waiter.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream bytes = Waiter.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
            out.closeEntry();
        }
    }

    @Test
    void shouldKeepTheDumpOfACleanlyStoppedFirstStartAndMapItInTheNextOne() throws Exception {
        ClassDataSharing first = new ClassDataSharing(jar, jar, archive, dir.resolve("app-1.jsa.part"));
        assertThat(first.writesArchive()).isTrue();
        ChildProcess child = started(first, List.of());
        assertThat(archive).doesNotExist();

        child.askToStop();
        assertThat(child.awaitStop(PATIENCE)).isTrue();

        assertThat(archive).isNotEmptyFile();
        assertThat(dir.resolve("app-1.jsa.part")).doesNotExist();
        // -Xshare:on: the JVM refuses to start unless it can map the archive
        ClassDataSharing next = new ClassDataSharing(jar, jar, archive, null);
        assertThat(next.writesArchive()).isFalse();
        assertThat(next.command(List.of())).contains("-XX:SharedArchiveFile=" + archive);
        ChildProcess mapped = started(next, List.of("-Xshare:on"));
        mapped.kill();
    }

    @Test
    void shouldThrowAwayWhatAKilledFirstStartLeft() throws Exception {
        Path dump = dir.resolve("app-2.jsa.part");
        ChildProcess child = started(new ClassDataSharing(jar, jar, archive, dump), List.of());

        child.kill();

        assertThat(archive).doesNotExist();
        assertThat(dump).doesNotExist();
    }

    /** Started and past its {@code main}'s first line, so a stop or kill finds a JVM that has loaded its classes. */
    private static ChildProcess started(ClassDataSharing sharing, List<String> jvmOptions) throws IOException {
        ChildProcess child = ChildProcess.start("app", new ProcessBuilder().redirectErrorStream(true), sharing,
                                                jvmOptions);
        String first = new BufferedReader(new InputStreamReader(child.process().getInputStream(),
                                                                StandardCharsets.UTF_8)).readLine();
        assertThat(first).as("the child's first line").isEqualTo("ready");
        return child;
    }

    /** The jar's main class: says it is up, then waits to be stopped. */
    public static final class Waiter {

        public static void main(String[] args) throws InterruptedException {
            System.out.println("ready");
            Thread.sleep(60_000);
        }
    }
}
