package dev.ledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.support.CommandSideIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /admin/transfers/unsettled} bounds what it is asked: found documenting its {@code olderThan}, an age
 * reaching before the earliest instant Java can hold was a 500 (the cut-off overflowed) instead of the client's 400.
 */
@CommandSideIntegrationTest
class UnsettledTransferListIntegrationTest {

    @Autowired
    private MockMvc mvc;
    @Autowired
    private ObjectMapper json;

    @ParameterizedTest
    @ValueSource(strings = {"P1000000000000D", "PT-1S", "P36501D", "five minutes"})
    void shouldRefuseAnAgeOutOfItsBoundsAsTheClientsMistake(String olderThan) throws Exception {
        MockHttpServletResponse response = list(olderThan);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(json.readTree(response.getContentAsString()).path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT5M", "P36500D"})
    void shouldListForAnyAgeWithinItsBounds(String olderThan) throws Exception {
        MockHttpServletResponse response = list(olderThan);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(json.readTree(response.getContentAsString()).path("items").isArray()).isTrue();
    }

    private MockHttpServletResponse list(String olderThan) throws Exception {
        return mvc.perform(get("/admin/transfers/unsettled").param("olderThan", olderThan)).andReturn().getResponse();
    }
}
