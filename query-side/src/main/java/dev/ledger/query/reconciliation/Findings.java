package dev.ledger.query.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * What a run found, counted in full but kept only up to a limit per group (divergences, in-flight), so a read
 * model that diverges everywhere (a truncated table) cannot make a run hold or store millions of rows.
 */
final class Findings {

    private final int keep;
    private final List<Divergence> divergences = new ArrayList<>();
    private final List<Divergence> inFlight = new ArrayList<>();
    private int divergenceCount;
    private int inFlightCount;

    Findings(int keep) {
        this.keep = keep;
    }

    void add(Divergence finding) {
        if (finding.kind().isDivergence()) {
            divergenceCount++;
            if (divergences.size() < keep) {
                divergences.add(finding);
            }
        } else {
            inFlightCount++;
            if (inFlight.size() < keep) {
                inFlight.add(finding);
            }
        }
    }

    /** Rewrites the kept divergences that {@code which} selects. */
    void update(Predicate<Divergence> which, UnaryOperator<Divergence> how) {
        divergences.replaceAll(d -> which.test(d) ? how.apply(d) : d);
    }

    List<Divergence> divergences() {
        return List.copyOf(divergences);
    }

    List<Divergence> inFlight() {
        return List.copyOf(inFlight);
    }

    int divergenceCount() {
        return divergenceCount;
    }

    int inFlightCount() {
        return inFlightCount;
    }
}
