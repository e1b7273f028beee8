package dev.ledger.faultsuite.checker;

import java.util.ArrayList;
import java.util.List;

/** An invariant as checked: its name, what was counted, and what broke it (nothing, when it holds). */
public final class CheckResult {

    private final String name;
    private final List<String> facts = new ArrayList<>();
    private final List<Violation> violations = new ArrayList<>();

    CheckResult(String name) {
        this.name = name;
    }

    CheckResult fact(String format, Object... arguments) {
        facts.add(String.format(format, arguments));
        return this;
    }

    CheckResult violation(Violation violation) {
        violations.add(violation);
        return this;
    }

    CheckResult violation(String message, String... operationIds) {
        return violation(Violation.of(message, operationIds));
    }

    public String name() {
        return name;
    }

    public List<String> facts() {
        return List.copyOf(facts);
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    public boolean holds() {
        return violations.isEmpty();
    }
}
