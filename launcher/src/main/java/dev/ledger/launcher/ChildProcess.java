package dev.ledger.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the ledger's jars (a service or the authorization server) running as a child process of this JVM, the way
 * operators run it, with the name it is known by in logs. The caller configures the {@link ProcessBuilder} (its
 * environment, where the output goes); this class knows how to start, wait for and stop such a child.
 */
public final class ChildProcess {

    /** How long a child killed after its grace period may take to go. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    /** The class data sharing it was started with, told when the child has ended; {@code null} for none. */
    private final ClassDataSharing sharing;

    private ChildProcess(String name, Process process, ClassDataSharing sharing) {
        this.name = name;
        this.process = process;
        this.sharing = sharing;
    }

    /** {@code <this JVM's java> <jvmOptions> -jar <jar>}. */
    public static List<String> javaJar(Path jar, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /** The {@code java} running this JVM, so the children get the same JDK rather than whatever is on PATH. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static ChildProcess start(String name, ProcessBuilder builder) throws IOException {
        return new ChildProcess(name, builder.start(), null);
    }

    /**
     * Starts a jar with class data sharing: {@code builder}'s command is replaced by {@code sharing}'s with
     * {@code jvmOptions}, and stopping or killing the child tells {@code sharing} it has ended.
     */
    public static ChildProcess start(String name, ProcessBuilder builder, ClassDataSharing sharing,
                                     List<String> jvmOptions) throws IOException {
        builder.command(sharing.command(jvmOptions));
        return new ChildProcess(name, builder.start(), sharing);
    }

    public String name() {
        return name;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the child to stop (SIGTERM: its shutdown hooks run) and returns at once; see {@link #awaitStop}. */
    public void askToStop() {
        process.destroy();
    }

    /**
     * Waits for a child that was asked to stop, and kills it if it has not stopped within {@code grace}.
     *
     * @return whether it stopped by itself; {@code false} if it had to be killed
     */
    public boolean awaitStop(Duration grace) {
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                ended();
                return true;
            }
            process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ended();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return false;
    }

    /** SIGKILL: no shutdown hooks, no graceful close of anything; a crash as the operating system sees it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        ended();
    }

    private void ended() {
        if (sharing != null) {
            sharing.ended(process);
        }
    }
}
