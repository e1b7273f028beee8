package dev.ledger.faultsuite.workload;

import dev.ledger.faultsuite.process.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one attempt of an operation against one command-side instance and records it; the first decision an
 * operation gets settles it for the clients (what the checker makes of all its attempts is its own business).
 */
final class OperationRunner {

    private final History history;
    private final LedgerHttp http;
    private final Supplier<List<Endpoint>> rotation;
    private final WorkloadModel model;
    private final long reviewThreshold;
    private final Map<String, Phase> settled = new ConcurrentHashMap<>();

    OperationRunner(History history, LedgerHttp http, Supplier<List<Endpoint>> rotation, WorkloadModel model,
                    long reviewThreshold) {
        this.history = history;
        this.http = http;
        this.rotation = rotation;
        this.model = model;
        this.reviewThreshold = reviewThreshold;
    }

    Answer attempt(String client, Operation operation, String how, Random random) {
        List<Endpoint> nodes = rotation.get();
        Endpoint node = nodes.get(random.nextInt(nodes.size()));
        int attempt = history.invoke(client, operation, how, node.name());
        Answer answer = http.send(node, operation);
        Phase phase = answer.phase();
        history.complete(client, operation, attempt, how, node.name(), phase, answer.status(), answer.detail());
        if (phase != Phase.UNKNOWN && settled.putIfAbsent(operation.id(), phase) == null && phase == Phase.OK) {
            learn(operation, answer);
        }
        return answer;
    }

    boolean settled(String operationId) {
        return settled.containsKey(operationId);
    }

    private void learn(Operation operation, Answer answer) {
        switch (operation.kind()) {
            case OPEN -> model.opened(new WorkloadModel.Account(operation.accountId(), operation.currency()));
            case TRANSFER -> {
                // version 1: requested and screened, waiting in review with the amount held. A quarter is never
                // reviewed, so the ledger's own review deadline has work too.
                if (operation.amount() >= reviewThreshold && answer.version() == 1
                        && Math.floorMod(operation.id().hashCode(), 4) != 0) {
                    model.awaitingReview(operation.transferId());
                }
            }
            default -> {
            }
        }
    }
}
