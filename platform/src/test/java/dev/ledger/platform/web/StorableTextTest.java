package dev.ledger.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {

    record Body(String reference, String note) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new StorableText());

    @Test
    void shouldRefuseANulCharacterInAnyText() {
        assertThatThrownBy(() -> json.readValue("{\"reference\":\"rent\\u0000\",\"note\":\"ok\"}", Body.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("NUL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\ud800b", "\\udc00", "x\\ud83d", "\\ude00\\ud83d", "\\u0001", "\\u001b[31m", "\\u007f",
                            "\\u0085", "\\u009f"})
    void shouldRefuseUnpairedSurrogatesAndControlCharacters(String escaped) {
        assertThatThrownBy(() -> json.readValue("{\"note\":\"" + escaped + "\"}", Body.class))
                .isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void shouldReadOtherTextAsBefore() throws Exception {
        assertThat(json.readValue("{\"reference\":\"r\\u00e9nt \\t\",\"note\":null}", Body.class))
                .isEqualTo(new Body("rént \t", null));
        assertThat(json.readValue("{\"note\":\"line\\r\\nnext \\ud83d\\ude00 \\u00a0\"}", Body.class))
                .isEqualTo(new Body(null, "line\r\nnext \ud83d\ude00 \u00a0"));
    }
}
