package dev.ledger.api.query;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * An account as the read model knows it.
 *
 * @param accountId      the account id
 * @param kind           {@code CUSTOMER}, or {@code SYSTEM} for the per-currency contra accounts
 * @param currency       ISO-4217 code
 * @param balance        posted balance, minor units. A customer account's always fits a {@code long} (the
 *                       account refuses more); a system account's is the sum of a whole currency's postings and may
 *                       not, so both are integers of any size (a JSON number either way)
 * @param held           sum of open holds, minor units
 * @param available      {@code balance + overdraftLimit - held}, without overflow
 * @param overdraftLimit how far below zero the balance may go
 * @param status         {@code OPEN}, {@code FROZEN} or {@code CLOSED}
 * @param ownerRef       owner reference, or {@code null}
 * @param owner          the principal who owns it, or {@code null} (system accounts, accounts opened before
 *                       principals)
 * @param version        sequence number of the last event of this account applied (system accounts: -1)
 * @param updatedAt      time of the last applied event
 * @param metadata       the client's labels given at opening, sorted by key; empty for none (never {@code null})
 */
public record AccountView(String accountId,
                          String kind,
                          String currency,
                          BigInteger balance,
                          long held,
                          BigInteger available,
                          long overdraftLimit,
                          String status,
                          String ownerRef,
                          String owner,
                          long version,
                          Instant updatedAt,
                          Map<String, String> metadata) {
}
