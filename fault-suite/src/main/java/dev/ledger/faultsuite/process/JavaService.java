package dev.ledger.faultsuite.process;

import dev.ledger.launcher.ClassDataSharing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of the ledger's processes (a service or the authorization server) run from its executable jar as operators
 * run it: configured by environment and arguments, on a fixed port, so a restart after kill -9 comes back where its
 * clients look for it. Each start writes its own log file. Starts use the build's class data archives
 * ({@link ClassDataSharing}; in CI the system tests and the benchmark wrote them), which halves a restart under the
 * workload's load; a start without one writes it when the suite stops the process.
 */
public final class JavaService {

    private static final HttpClient HEALTH = HttpClient.newBuilder()
                                                       .version(HttpClient.Version.HTTP_1_1)
                                                       .connectTimeout(Duration.ofSeconds(2))
                                                       .build();

    /**
     * How much a starting JVM is favoured by the scheduler until it serves (nice -10: about nine times the CPU
     * weight of a thread at 0). On two cores the workload's busy threads otherwise leave a restarting service a
     * thread's share of the machine, and it needed a minute where it needs seconds on a node of its own; once it
     * serves it is put back to 0 and competes like the others. Without the right to raise priority (not root),
     * {@code nice} says so in the log and starts it at 0.
     */
    private static final List<String> FAVOURED_START = List.of("nice", "-n", "-10");

    private final String name;
    private final String module;
    private final Path jar;
    private final List<String> jvmOptions;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final int port;
    private final Path logDirectory;
    private int starts;
    private volatile Process process;
    private ClassDataSharing sharing;
    /** Started favoured and not yet seen serving. */
    private volatile boolean favoured;
    private volatile boolean paused;
    /** Set while the suite itself has stopped or killed the process, so an exit of its own can be told apart. */
    private volatile boolean stoppedBySuite;

    /** @param module the jar's module ({@code command-side}, ...): instances of one module share its archive */
    public JavaService(String name, String module, Path jar, List<String> jvmOptions, List<String> arguments,
                       Map<String, String> environment, int port, Path logDirectory) {
        this.name = name;
        this.module = module;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.arguments = List.copyOf(arguments);
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.logDirectory = logDirectory;
    }

    /** Launches the process and returns at once; {@link #awaitServing} waits for it. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        ended();
        starts++;
        Path log = logDirectory.resolve(name + "-" + starts + ".log");
        sharing = ClassDataSharing.of(module, jar);
        List<String> command = new ArrayList<>(FAVOURED_START);
        command.addAll(sharing.command(jvmOptions));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            process = builder.start();
            favoured = true;
            stoppedBySuite = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        paused = false;
    }

    /**
     * Waits until the health endpoint answers 200: UP, and also the states in which the service serves requests
     * (the command side's BACKPRESSURE, the query side's DEGRADED during a replay).
     */
    public void awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!serving()) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException(name + " exited while starting; see its log in " + logDirectory);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not serving after " + timeout + "; see " + logDirectory);
            }
            sleep(Duration.ofMillis(250));
        }
    }

    public boolean serving() {
        try {
            HttpResponse<Void> response = HEALTH.send(HttpRequest.newBuilder(uri("/actuator/health"))
                                                                 .timeout(Duration.ofSeconds(2)).build(),
                                                      HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                return false;
            }
            if (favoured) {
                favoured = false;
                unfavour(process);
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Every thread of the JVM back to nice 0 (a nice value is a thread's; those started later inherit it). */
    private static void unfavour(Process current) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(current.pid()), "task"))) {
            List<String> command = new ArrayList<>(List.of("renice", "-n", "0", "-p"));
            threads.forEach(thread -> command.add(thread.getFileName().toString()));
            // best effort: a thread may end between the listing and renice, which then exits non-zero
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                       .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the process has ended, or this is not Linux: nothing to put back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: no shutdown hook, no connection closed politely; a crash as the operating system sees it. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        stoppedBySuite = true;
        current.destroyForcibly();
        try {
            current.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended();
    }

    /** SIGSTOP: the process holds its sockets and connections but answers nothing, like a long GC pause. */
    public void pause() {
        OsCommand.signal("STOP", List.of(process.pid()));
        paused = true;
    }

    public void resume() {
        OsCommand.signal("CONT", List.of(process.pid()));
        paused = false;
    }

    /** SIGTERM and a graceful shutdown, or SIGKILL after 30 s. */
    public void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        stoppedBySuite = true;
        current.destroy();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                current.destroyForcibly();
                current.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        ended();
    }

    /** Tells the class data sharing of the last start that its process has ended, if it has. */
    private synchronized void ended() {
        Process current = process;
        if (sharing != null && current != null && !current.isAlive()) {
            sharing.ended(current);
            sharing = null;
        }
    }

    /** The process ended although nobody here stopped it: a crash, an OutOfMemoryError that exited, … */
    public boolean exitedOnItsOwn() {
        Process current = process;
        return current != null && !current.isAlive() && !stoppedBySuite;
    }

    /** The exit code of an ended process, for the record. */
    public int exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? -1 : current.exitValue();
    }

    public boolean alive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
