package dev.ledger.command.locking;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The instant by which the command request running on this thread must have its locks ({@code ledger.commands
 * .timeout} after it started): every lock wait of the request, before its transaction and inside it, ends there, so
 * the timeout bounds the whole wait rather than each lock's.
 */
public final class CommandDeadline implements AutoCloseable {

    private static final ThreadLocal<CommandDeadline> CURRENT = new ThreadLocal<>();

    private final long nanos;
    private final CommandDeadline previous;

    private CommandDeadline(long nanos, CommandDeadline previous) {
        this.nanos = nanos;
        this.previous = previous;
    }

    /** Starts the deadline of a request on this thread; close it when the request is answered. */
    public static CommandDeadline start(Duration timeout) {
        CommandDeadline deadline = new CommandDeadline(System.nanoTime() + timeout.toNanos(), CURRENT.get());
        CURRENT.set(deadline);
        return deadline;
    }

    /** The current request's deadline in {@link System#nanoTime()} terms, if a request runs on this thread. */
    static OptionalLong current() {
        CommandDeadline deadline = CURRENT.get();
        return deadline == null ? OptionalLong.empty() : OptionalLong.of(deadline.nanos);
    }

    public long nanos() {
        return nanos;
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
