package dev.ledger.command.account;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /accounts/{id}/freeze}, {@code /unfreeze} and {@code /close}. */
record AccountLifecycleRequest(@Size(max = 256) String reason) {
}
