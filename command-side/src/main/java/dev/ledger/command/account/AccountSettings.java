package dev.ledger.command.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the account aggregate ({@code ledger.accounts.*}).
 *
 * @param snapshotThreshold events after which an account is snapshotted, so a load reads at most this many
 */
@ConfigurationProperties(prefix = "ledger.accounts")
record AccountSettings(@DefaultValue("100") int snapshotThreshold) {
}
