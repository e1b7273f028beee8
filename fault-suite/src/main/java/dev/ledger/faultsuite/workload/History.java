package dev.ledger.faultsuite.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the clients did, in the order they did it: the operations by id and every attempt's invocation and
 * completion. The checker reads only this and the database; nothing here is judged while the run goes on.
 */
public final class History {

    private final long startNanos = System.nanoTime();
    private final AtomicLong index = new AtomicLong();
    private final ConcurrentLinkedQueue<HistoryEntry> entries = new ConcurrentLinkedQueue<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public void register(Operation operation) {
        operations.put(operation.id(), operation);
    }

    /** Records an invocation; returns the attempt number to complete it with. */
    public int invoke(String client, Operation operation, String how, String node) {
        int attempt = attempts.computeIfAbsent(operation.id(), id -> new AtomicInteger()).incrementAndGet();
        add(client, operation.id(), Phase.INVOKE, attempt, how, node, -1, null);
        return attempt;
    }

    public void complete(String client, Operation operation, int attempt, String how, String node, Phase phase,
                         int status, String detail) {
        add(client, operation.id(), phase, attempt, how, node, status, detail);
    }

    private void add(String client, String opId, Phase phase, int attempt, String how, String node, int status,
                     String detail) {
        entries.add(new HistoryEntry(index.incrementAndGet(), millis(), client, opId, phase, attempt, how, node,
                                     status, detail));
    }

    /** Milliseconds since the history began: the time axis of the report and of the fault records. */
    public long millis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public List<HistoryEntry> entries() {
        List<HistoryEntry> all = new ArrayList<>(entries);
        all.sort(Comparator.comparingLong(HistoryEntry::index));
        return all;
    }

    public Operation operation(String id) {
        return operations.get(id);
    }

    public Collection<Operation> operations() {
        return operations.values();
    }

    /** One line per entry, for reading (and grepping) after the run. */
    public void writeTo(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<Operation> all = new ArrayList<>(operations.values());
            all.sort(Comparator.comparing(Operation::id));
            for (Operation operation : all) {
                out.write("# " + operation.summary() + "\n");
            }
            for (HistoryEntry entry : entries()) {
                out.write(entry + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
