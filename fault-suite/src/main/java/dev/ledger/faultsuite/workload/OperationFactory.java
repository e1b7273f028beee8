package dev.ledger.faultsuite.workload;

import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Chooses the next operation from a client's own seeded random source and what the model believes, and writes its
 * request. Ids are chosen here, not by the ledger: {@code op-<n>} for the operation (key and correlation id),
 * {@code acc-<n>} for accounts and {@code t-<n>} for transfers, so every effect can be traced back to the operation
 * that asked for it.
 */
public final class OperationFactory {

    static final String OWNER = "fault-suite";
    private static final double LARGE_TRANSFER_SHARE = 0.06;
    private static final double APPROVE_SHARE = 0.65;

    private final AtomicLong sequence = new AtomicLong();
    private final WorkloadModel model;
    private final long reviewThreshold;

    OperationFactory(WorkloadModel model, long reviewThreshold) {
        this.model = model;
        this.reviewThreshold = reviewThreshold;
    }

    /** The next operation of the mix: mostly transfers, then deposits and withdrawals, a few of the rest. */
    Operation next(Random random) {
        while (true) {
            double roll = random.nextDouble() * 100;
            Optional<Operation> chosen;
            if (roll < 50) {
                chosen = transfer(random);
            } else if (roll < 72) {
                chosen = model.pick(random).map(a -> deposit(a, 1_000 + random.nextInt(49_000)));
            } else if (roll < 86) {
                chosen = model.pick(random).map(a -> withdrawal(a, 1_000 + random.nextInt(39_000)));
            } else if (roll < 93) {
                chosen = model.nextReview().map(t -> review(t, random.nextDouble() < APPROVE_SHARE));
            } else if (roll < 95) {
                chosen = Optional.of(open(random.nextDouble() < 0.75 ? "EUR" : "USD",
                                          random.nextInt(3) == 0 ? 20_000 : 0));
            } else if (roll < 96.5) {
                chosen = model.freeze(random).map(a -> lifecycle(OperationKind.FREEZE, a.id()));
            } else {
                chosen = model.unfreeze().map(id -> lifecycle(OperationKind.UNFREEZE, id));
            }
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
    }

    private Optional<Operation> transfer(Random random) {
        return model.pickPair(random).map(pair -> {
            long amount = random.nextDouble() < LARGE_TRANSFER_SHARE
                          ? reviewThreshold + random.nextInt((int) Math.min(Integer.MAX_VALUE, reviewThreshold))
                          : 100 + random.nextInt((int) Math.min(20_000, reviewThreshold - 100));
            String id = nextId();
            String transferId = "t-" + number(id);
            String body = "{\"transferId\":\"" + transferId + "\",\"sourceAccountId\":\"" + pair[0].id()
                          + "\",\"destinationAccountId\":\"" + pair[1].id() + "\",\"amount\":" + amount
                          + ",\"currency\":\"" + pair[0].currency() + "\"}";
            return new Operation(id, OperationKind.TRANSFER, Caller.SUITE, "/transfers", body, pair[0].id(),
                                 transferId, amount, pair[0].currency());
        });
    }

    Operation open(String currency, long overdraftLimit) {
        String id = nextId();
        String accountId = "acc-" + number(id);
        String body = "{\"accountId\":\"" + accountId + "\",\"currency\":\"" + currency + "\",\"overdraftLimit\":"
                      + overdraftLimit + ",\"owner\":\"" + OWNER + "\"}";
        return new Operation(id, OperationKind.OPEN, Caller.SUITE, "/accounts", body, accountId, null, 0, currency);
    }

    Operation deposit(WorkloadModel.Account account, long amount) {
        return movement(OperationKind.DEPOSIT, "/deposits", account, amount);
    }

    private Operation withdrawal(WorkloadModel.Account account, long amount) {
        return movement(OperationKind.WITHDRAW, "/withdrawals", account, amount);
    }

    private Operation movement(OperationKind kind, String suffix, WorkloadModel.Account account, long amount) {
        String body = "{\"amount\":" + amount + ",\"currency\":\"" + account.currency() + "\"}";
        return new Operation(nextId(), kind, Caller.SUITE, "/accounts/" + account.id() + suffix, body, account.id(),
                             null, amount, account.currency());
    }

    private Operation review(String transferId, boolean approve) {
        String body = "{\"decision\":\"" + (approve ? "APPROVE" : "REJECT") + "\",\"note\":\"fault-suite\"}";
        return new Operation(nextId(), OperationKind.REVIEW, Caller.COMPLIANCE,
                             "/transfers/" + transferId + "/review", body, null, transferId, 0, null);
    }

    private Operation lifecycle(OperationKind kind, String accountId) {
        String path = "/accounts/" + accountId + (kind == OperationKind.FREEZE ? "/freeze" : "/unfreeze");
        return new Operation(nextId(), kind, Caller.COMPLIANCE, path, "{\"reason\":\"fault-suite\"}", accountId,
                             null, 0, null);
    }

    private String nextId() {
        return String.format("op-%07d", sequence.incrementAndGet());
    }

    private static String number(String operationId) {
        return operationId.substring("op-".length());
    }
}
