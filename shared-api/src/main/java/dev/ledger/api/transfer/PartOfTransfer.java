package dev.ledger.api.transfer;

/**
 * An event that belongs to one transfer, wherever it is stored: the transfer's own events, and the holds and
 * postings it causes on its accounts' streams. Readers that follow a transfer (its view, its ordering across
 * streams) key on {@link #transferId()} instead of knowing every event type.
 */
public interface PartOfTransfer {

    /** The transfer this event belongs to. */
    String transferId();
}
