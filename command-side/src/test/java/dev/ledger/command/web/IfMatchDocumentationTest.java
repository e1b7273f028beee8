package dev.ledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.platform.web.LedgerRequestException;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code If-Match} form the API description promises is the one {@link IfMatch} reads. */
class IfMatchDocumentationTest {

    private static final Pattern DOCUMENTED = Pattern.compile(IfMatchDocumentation.PATTERN);

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3\"", "0", "123456789012345678", "\"123456789012345678\""})
    void shouldDocumentEveryVersionIfMatchReads(String header) {
        assertThat(DOCUMENTED.matcher(header).find()).as(header).isTrue();
        assertThat(IfMatch.expectedVersion(header)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"3\"", "*", "\"3\", \"4\"", "\"3", "3\"", "-1", "1234567890123456789", "three", "\"\""})
    void shouldDocumentNoVersionIfMatchRefuses(String header) {
        assertThat(DOCUMENTED.matcher(header).find()).as(header).isFalse();
        assertThatThrownBy(() -> IfMatch.expectedVersion(header)).isInstanceOf(LedgerRequestException.class);
    }
}
