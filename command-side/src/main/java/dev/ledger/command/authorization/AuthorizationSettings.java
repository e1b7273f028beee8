package dev.ledger.command.authorization;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an authorization may stay open ({@code ledger.authorizations.*}). A request names its expiry
 * ({@code expiresAt}) or its timeout, or gets the default; either must fall within [min, max] from now.
 *
 * @param defaultTimeout the expiry of a request that names none
 * @param maxTimeout     the latest expiry a request may ask for
 * @param minTimeout     the earliest: an expiry too close to now would pass before the answer reached the caller
 */
@ConfigurationProperties(prefix = "ledger.authorizations")
public record AuthorizationSettings(@DefaultValue("7d") Duration defaultTimeout,
                                    @DefaultValue("30d") Duration maxTimeout,
                                    @DefaultValue("1s") Duration minTimeout) {
}
