package dev.ledger.faultsuite.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

class AnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCallOnlyDecisionsFailuresAndEverythingWithoutOneUnknown() throws Exception {
        assertThat(answer(202, "{\"version\":3}").phase()).isEqualTo(Phase.OK);
        assertThat(answer(422, "{\"code\":\"INSUFFICIENT_FUNDS\"}").phase()).isEqualTo(Phase.FAIL);
        assertThat(answer(409, "{\"code\":\"IDEMPOTENCY_KEY_IN_USE\"}").phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(answer(409, "{\"code\":\"CONCURRENT_MODIFICATION\"}").phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(answer(503, "{\"code\":\"PIPELINE_BACKLOG\"}").phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(answer(500, "{}").phase()).isEqualTo(Phase.UNKNOWN);
        assertThat(new Answer(Answer.NO_ANSWER, MissingNode.getInstance(), "HttpTimeoutException", 0).phase())
                .isEqualTo(Phase.UNKNOWN);
    }

    @Test
    void shouldKnowWhichRefusalsTheLedgerKeepsUnderTheKey() {
        assertThat(Answer.storedDecision(422)).isTrue();
        assertThat(Answer.storedDecision(412)).isTrue();
        assertThat(Answer.storedDecision(409)).isFalse();
        assertThat(Answer.storedDecision(400)).isFalse();
    }

    private static Answer answer(int status, String body) throws Exception {
        return new Answer(status, JSON.readTree(body), null, 0);
    }
}
