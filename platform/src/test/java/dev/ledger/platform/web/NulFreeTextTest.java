package dev.ledger.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;

class NulFreeTextTest {

    record Body(String reference, String note) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new NulFreeText());

    @Test
    void shouldRefuseANulCharacterInAnyText() {
        assertThatThrownBy(() -> json.readValue("{\"reference\":\"rent\\u0000\",\"note\":\"ok\"}", Body.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void shouldReadOtherTextAsBefore() throws Exception {
        assertThat(json.readValue("{\"reference\":\"r\\u00e9nt \\t\",\"note\":null}", Body.class))
                .isEqualTo(new Body("rént \t", null));
    }
}
