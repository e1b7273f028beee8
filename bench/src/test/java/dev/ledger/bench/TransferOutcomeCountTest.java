package dev.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferOutcomeCountTest {

    @Test
    void shouldFindThePhaseATransferIdNames() {
        assertThat(TransferOutcomeCount.phaseOf("b17", "b17-zipf-1-closed-42")).contains("zipf-1-closed");
        assertThat(TransferOutcomeCount.phaseOf("b17", "b17-uniform-open-1")).contains("uniform-open");
    }

    @Test
    void shouldIgnoreTransfersOfAnotherRun() {
        assertThat(TransferOutcomeCount.phaseOf("b17", "b18-uniform-open-1")).isEmpty();
        assertThat(TransferOutcomeCount.phaseOf("b17", "b170-uniform-open-1")).isEmpty();
        assertThat(TransferOutcomeCount.phaseOf("b17", "b17-1")).isEmpty();
    }
}
