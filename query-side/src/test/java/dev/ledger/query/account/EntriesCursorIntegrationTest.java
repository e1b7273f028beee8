package dev.ledger.query.account;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledger.query.support.QuerySideIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** A statement cursor is a sequence number: anything else, however long, is a 400, never a 500. */
class EntriesCursorIntegrationTest extends QuerySideIntegrationTest {

    @Autowired
    private MockMvc http;

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "9999999999999999999", "18446744073709551616",
                            "99999999999999999999999999999999", "-1", "+1", "1e3", "0x10", " 1", "\u0663", "1\u0663"})
    void shouldRefuseACursorThatIsNoSequenceNumber(String cursor) throws Exception {
        http.perform(get("/accounts/{id}/entries", "cursor-acc").param("cursor", cursor))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "9223372036854775807"})
    void shouldAcceptEverySequenceNumberAsACursor(String cursor) throws Exception {
        // an account nobody opened: the cursor was read, the account is unknown
        http.perform(get("/accounts/{id}/entries", "cursor-acc").param("cursor", cursor))
            .andExpect(status().isNotFound());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=99999999999999999999", "wait=99999999999999999999", "limit=-1", "wait=x"})
    void shouldRefuseOtherNumbersBeyondTheirRangeToo(String parameter) throws Exception {
        String[] pair = parameter.split("=");
        http.perform(get("/accounts/{id}/entries", "cursor-acc").param(pair[0], pair[1]))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
