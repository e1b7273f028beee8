package dev.ledger.faultsuite.faults;

import dev.ledger.faultsuite.admin.LedgerAdmin;
import dev.ledger.faultsuite.process.LedgerProcesses;
import java.util.ArrayList;
import java.util.List;

/** An operator's rebuild of every read model while the load goes on (not a failure, but a hard moment). */
final class ReplayReadModels implements Fault {

    private final LedgerAdmin admin;

    ReplayReadModels(LedgerAdmin admin) {
        this.admin = admin;
    }

    @Override
    public String target() {
        return "read models";
    }

    @Override
    public String inject() {
        List<String> answers = new ArrayList<>();
        for (String processor : LedgerProcesses.READ_MODELS) {
            answers.add(processor + " " + admin.replay(processor).status());
        }
        return String.join(", ", answers);
    }

    @Override
    public void heal() {
        // the replay ends on its own; the nemesis waits for it as the recovery
    }
}
