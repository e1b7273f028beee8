package dev.ledger.api.query;

import java.util.List;

/** One page of transfers, newest first; {@code nextCursor} is {@code null} on the last page. */
public record TransferPage(List<TransferView> items, String nextCursor) {
}
