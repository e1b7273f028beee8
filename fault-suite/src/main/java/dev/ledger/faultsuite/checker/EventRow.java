package dev.ledger.faultsuite.checker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One row of {@code ledger_command.domain_event_entry}, as the checker needs it.
 *
 * @param aggregate     the stream (account or transfer id)
 * @param sequence      its sequence number in the stream
 * @param type          the payload type's simple name ({@code MoneyDepositedEvent})
 * @param payload       the event
 * @param correlationId the meta-data's correlation id: the operation id for everything a client caused
 * @param timestamp     when it was appended (ISO-8601)
 */
record EventRow(String aggregate, long sequence, String type, JsonNode payload, String correlationId,
                String timestamp) {
}
