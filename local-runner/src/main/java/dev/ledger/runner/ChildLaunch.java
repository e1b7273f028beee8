package dev.ledger.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the runner starts any of its child JVMs: the module's jar under the repository root, the same JDK, class
 * data sharing, the repository root as working directory and the output on this terminal.
 */
final class ChildLaunch {

    private ChildLaunch() {
    }

    /** {@code <root>/<module>/target/<module>.jar}, or a message that says to build first. */
    static Path requireJar(Path root, String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(jar + " is missing: run `mvn -DskipTests package` first (in " + root
                    + "; the local runner expects to be started from the repository root)", null);
        }
        return jar;
    }

    static ProcessBuilder builder(Path root, String name, Path jar, List<String> jvmOptions) {
        return new ProcessBuilder(ClassDataSharing.command(name, jar, jvmOptions))
                .directory(root.toFile())
                // The children's logs go straight to this terminal; no prefixing, Spring Boot's format is clear.
                .inheritIO();
    }
}
