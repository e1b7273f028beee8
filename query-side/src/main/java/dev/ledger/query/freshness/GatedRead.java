package dev.ledger.query.freshness;

/**
 * A read through {@link FreshnessGate#read}: the last value read, whether it satisfies the request's token, how
 * far the read model has got, and what was awaited (for the "processing" answer, {@link Freshness#behind}).
 *
 * @param value          the last value read
 * @param fresh          whether it reflects the requested token (always, without one)
 * @param progress       the read model's progress when it was read
 * @param reachedVersion the version of the token's aggregate as read ({@code -1}: absent, or no such token)
 * @param awaitedVersion the token's version ({@code -1}: no {@code <id>@<version>} token)
 * @param awaitedPosition the token's position ({@code null}: no {@code @<position>} token)
 */
public record GatedRead<T>(T value, boolean fresh, ProjectionProgress.Progress progress, long reachedVersion,
                           long awaitedVersion, Long awaitedPosition) {
}
