package dev.ledger.faultsuite.checker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The event store folded in stream order, the source of truth the other checks compare with: every account and
 * transfer, the system accounts' balances per currency (derived from the contra legs, as the query side does), the
 * events each operation caused (by correlation id), and what is wrong inside the store itself: a sequence gap, an
 * event whose reported balance is not the sum of its stream's postings, a balance below its overdraft, a hold
 * settled that was never placed.
 * <p>
 * One class over the event types because each type touches several of these at once (a captured hold moves the
 * balance, the held amount, the transit account and the transfer's legs).
 */
final class EventStoreFold implements Consumer<EventRow> {

    final Map<String, AccountFold> accounts = new TreeMap<>();
    final Map<String, TransferFold> transfers = new TreeMap<>();
    /** operation id → event type → how many events with that correlation id. */
    final Map<String, Map<String, Integer>> byOperation = new HashMap<>();
    /** {@code aggregate@sequence} → the operation that caused that event. */
    final Map<String, String> operationAt = new HashMap<>();
    final Map<String, Long> world = new TreeMap<>();
    final Map<String, Long> transit = new TreeMap<>();
    final Map<String, Long> deposited = new TreeMap<>();
    final Map<String, Long> withdrawn = new TreeMap<>();
    final List<Violation> gaps = new ArrayList<>();
    final List<Violation> postingErrors = new ArrayList<>();
    final List<Violation> belowOverdraft = new ArrayList<>();
    final Map<String, Integer> unknownTypes = new TreeMap<>();
    long events;
    long streams;
    long balancesChecked;

    private final Map<String, int[]> legs = new HashMap<>();
    private String stream;
    private long expectedSequence;

    @Override
    public void accept(EventRow row) {
        events++;
        if (!row.aggregate().equals(stream)) {
            stream = row.aggregate();
            expectedSequence = 0;
            streams++;
        }
        if (row.sequence() != expectedSequence) {
            gaps.add(Violation.of(String.format("stream %s: sequence %d follows %d", row.aggregate(), row.sequence(),
                                                expectedSequence - 1), operationOf(row)));
        }
        expectedSequence = row.sequence() + 1;
        String operation = operationOf(row);
        if (!operation.isEmpty()) {
            byOperation.computeIfAbsent(operation, id -> new HashMap<>()).merge(row.type(), 1, Integer::sum);
            operationAt.put(row.aggregate() + "@" + row.sequence(), operation);
        }
        if (row.type().startsWith("Transfer") && transferStream(row)) {
            applyToTransfer(row);
        } else if (row.type().startsWith("Authorization")) {
            // an authorization's own stream: what it moved is on its accounts' streams (AuthorizedFunds…, below)
            return;
        } else {
            applyToAccount(row);
        }
    }

    /** Transfer events live in the transfer's stream; the account events named Transfer… in an account's. */
    private static boolean transferStream(EventRow row) {
        return !row.payload().has("accountId");
    }

    private void applyToAccount(EventRow row) {
        JsonNode event = row.payload();
        AccountFold account = accounts.computeIfAbsent(row.aggregate(), AccountFold::new);
        account.version = row.sequence();
        long amount = event.path("amount").path("amount").asLong();
        String currency = event.path("amount").path("currency").asText(account.currency);
        switch (row.type()) {
            case "AccountOpenedEvent" -> {
                account.currency = event.path("currency").asText();
                account.overdraftLimit = event.path("overdraftLimit").asLong();
            }
            case "MoneyDepositedEvent" -> {
                post(account, amount, row);
                add(world, currency, -amount);
                add(deposited, currency, amount);
            }
            case "MoneyWithdrawnEvent" -> {
                post(account, -amount, row);
                add(world, currency, amount);
                add(withdrawn, currency, amount);
            }
            case "TransferDebitedEvent" -> {
                post(account, -amount, row);
                add(transit, currency, amount);
                legs(event)[0]++;
            }
            case "TransferCreditedEvent" -> {
                post(account, amount, row);
                add(transit, currency, -amount);
                legs(event)[1]++;
            }
            case "HoldPlacedEvent" -> {
                account.openHolds.put(event.path("holdId").asText(), event.path("transferId").asText());
                hold(account, amount, row);
                legs(event)[2]++;
                if (account.balance - account.held < -account.overdraftLimit) {
                    belowOverdraft.add(Violation.of(String.format("%s@%d: hold leaves %d available below 0 "
                            + "(balance %d, held %d, overdraft %d)", account.id, row.sequence(),
                            account.balance - account.held + account.overdraftLimit, account.balance, account.held,
                            account.overdraftLimit), operationOf(row)));
                }
            }
            case "HoldCapturedEvent" -> {
                settleHold(account, row);
                hold(account, -amount, row);
                post(account, -amount, row);
                add(transit, currency, amount);
                legs(event)[0]++;
            }
            case "HoldReleasedEvent" -> {
                settleHold(account, row);
                hold(account, -amount, row);
            }
            // an authorization's reservation, its captures' two legs against transit, and the release of the rest
            case "FundsAuthorizedEvent" -> hold(account, amount, row);
            case "AuthorizedFundsCapturedEvent" -> {
                hold(account, -amount, row);
                post(account, -amount, row);
                add(transit, currency, amount);
            }
            case "AuthorizedFundsCreditedEvent" -> {
                post(account, amount, row);
                add(transit, currency, -amount);
            }
            case "AuthorizedFundsReleasedEvent" -> hold(account, -amount, row);
            case "AccountFrozenEvent" -> account.status = "FROZEN";
            case "AccountUnfrozenEvent" -> account.status = "OPEN";
            case "AccountClosedEvent" -> account.status = "CLOSED";
            case "HoldRejectedEvent", "TransferCreditRejectedEvent" -> {
                // a refusal: nothing moved
            }
            default -> unknownTypes.merge(row.type(), 1, Integer::sum);
        }
    }

    /** A posting: the balance moves, and must land where the event says, never below the overdraft. */
    private void post(AccountFold account, long delta, EventRow row) {
        long reported = row.payload().path("balanceAfter").asLong();
        account.balance = Math.addExact(account.balance, delta);
        account.postings++;
        balancesChecked++;
        if (account.balance != reported) {
            postingErrors.add(Violation.of(String.format("%s@%d %s reports balance %d, its stream's postings sum "
                    + "to %d", account.id, row.sequence(), row.type(), reported, account.balance), operationOf(row)));
            account.balance = reported; // go on from what the aggregate believed, so one error is reported once
        }
        account.reportedBalance = reported;
        if (reported < -account.overdraftLimit) {
            belowOverdraft.add(Violation.of(String.format("%s@%d: balance %d below its overdraft limit %d",
                    account.id, row.sequence(), reported, account.overdraftLimit), operationOf(row)));
        }
    }

    private void hold(AccountFold account, long delta, EventRow row) {
        long reported = row.payload().path("heldAfter").asLong();
        account.held += delta;
        if (account.held != reported) {
            postingErrors.add(Violation.of(String.format("%s@%d %s reports held %d, its holds sum to %d",
                    account.id, row.sequence(), row.type(), reported, account.held), operationOf(row)));
            account.held = reported;
        }
    }

    private void settleHold(AccountFold account, EventRow row) {
        String holdId = row.payload().path("holdId").asText();
        if (account.openHolds.remove(holdId) == null) {
            postingErrors.add(Violation.of(String.format("%s@%d %s settles hold %s, which is not open", account.id,
                    row.sequence(), row.type(), holdId), operationOf(row)));
        }
    }

    private void applyToTransfer(EventRow row) {
        JsonNode event = row.payload();
        TransferFold transfer = transfers.computeIfAbsent(row.aggregate(), TransferFold::new);
        transfer.version = row.sequence();
        switch (row.type()) {
            case "TransferRequestedEvent" -> {
                transfer.source = event.path("sourceAccountId").asText();
                transfer.destination = event.path("destinationAccountId").asText();
                transfer.amount = event.path("amount").path("amount").asLong();
                transfer.currency = event.path("amount").path("currency").asText();
                transfer.requestedAt = Instant.parse(row.timestamp());
            }
            case "TransferScreenedEvent" ->
                    transfer.status = "REVIEW".equals(event.path("decision").asText()) ? "IN_REVIEW" : "SCREENING";
            case "TransferApprovedEvent" -> transfer.status = "APPROVED";
            case "TransferCompletedEvent" -> transfer.status = "COMPLETED";
            case "TransferRejectedEvent" -> {
                transfer.status = "REJECTED";
                transfer.reason = event.path("reason").asText();
            }
            case "TransferFailedEvent" -> {
                transfer.status = "FAILED";
                transfer.reason = event.path("reason").asText();
            }
            default -> unknownTypes.merge(row.type(), 1, Integer::sum);
        }
    }

    /** After the last row: the legs the accounts posted, joined to their transfers. */
    EventStoreFold finish() {
        legs.forEach((transferId, counts) -> {
            TransferFold transfer = transfers.get(transferId);
            if (transfer == null) {
                postingErrors.add(Violation.of("postings for transfer " + transferId + ", which has no stream"));
                return;
            }
            transfer.debits = counts[0];
            transfer.credits = counts[1];
            transfer.holdsPlaced = counts[2];
        });
        return this;
    }

    private int[] legs(JsonNode event) {
        return legs.computeIfAbsent(event.path("transferId").asText(), id -> new int[3]);
    }

    private static String operationOf(EventRow row) {
        String correlation = row.correlationId();
        return correlation != null && correlation.startsWith("op-") ? correlation : "";
    }

    private static void add(Map<String, Long> sums, String currency, long amount) {
        sums.merge(currency, amount, Math::addExact);
    }
}
