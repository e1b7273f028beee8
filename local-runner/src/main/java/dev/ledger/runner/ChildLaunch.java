package dev.ledger.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ledger.launcher.ChildProcess;
import dev.ledger.launcher.ClassDataSharing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the runner starts any of its child JVMs: the module's jar under the repository root, the same JDK, class
 * data sharing ({@link ClassDataSharing}), the repository root as working directory and the output on this terminal.
 * The caller adds the child's environment to {@link #builder()}.
 */
record ChildLaunch(ProcessBuilder builder, ClassDataSharing sharing, List<String> jvmOptions) {

    private static final Logger LOG = LoggerFactory.getLogger(ChildLaunch.class);

    /** {@code <root>/<module>/target/<module>.jar}, or a message that says to build first. */
    static Path requireJar(Path root, String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(jar + " is missing: run `mvn -DskipTests package` first (in " + root
                    + "; the local runner expects to be started from the repository root)", null);
        }
        return jar;
    }

    static ChildLaunch of(Path root, String name, Path jar, List<String> jvmOptions) {
        ClassDataSharing sharing = ClassDataSharing.of(name, jar);
        if (sharing.writesArchive()) {
            LOG.info("{}: first start of this build; its class data archive is written when it stops", name);
        }
        ProcessBuilder builder = new ProcessBuilder()
                .directory(root.toFile())
                // The children's logs go straight to this terminal; no prefixing, Spring Boot's format is clear.
                .inheritIO();
        return new ChildLaunch(builder, sharing, List.copyOf(jvmOptions));
    }

    ChildProcess start(String name) throws IOException {
        return ChildProcess.start(name, builder, sharing, jvmOptions);
    }
}
