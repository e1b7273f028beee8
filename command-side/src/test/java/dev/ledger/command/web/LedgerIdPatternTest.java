package dev.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.LedgerIds;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The id pattern the API description promises is the rule the ledger applies, as a JSON Schema search reads it. */
class LedgerIdPatternTest {

    private static final Pattern SEARCHED = Pattern.compile(LedgerIdPattern.ID);

    @ParameterizedTest
    @ValueSource(strings = {"alice", "t-1", "world:EUR", "a.b_c:d-e", "", "a b", "a/b", "a@1", "é"})
    void shouldAcceptExactlyTheIdsTheLedgerAccepts(String id) {
        assertThat(SEARCHED.matcher(id).find()).as(id).isEqualTo(LedgerIds.isValid(id));
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 64, 65})
    void shouldAcceptIdsUpToTheLedgersLength(int length) {
        String id = "a".repeat(length);
        assertThat(SEARCHED.matcher(id).find()).as(length + " characters").isEqualTo(LedgerIds.isValid(id));
    }
}
