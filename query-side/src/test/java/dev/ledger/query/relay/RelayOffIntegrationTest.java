package dev.ledger.query.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledger.query.processors.ProcessingGroups;
import dev.ledger.query.support.QuerySideIntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/** The query side without a broker configured (the module's shared test context): everything runs, no relay. */
class RelayOffIntegrationTest extends QuerySideIntegrationTest {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private MockMvc http;

    @Test
    void shouldRunWithoutTheRelayAndSaySoWhenNoBrokerIsConfigured() throws Exception {
        assertThat(context.getBeansOfType(RelayOff.class)).hasSize(1);
        assertThat(context.getBeansOfType(IntegrationEventRelay.class)).isEmpty();
        assertThat(processing.eventProcessors()).doesNotContainKey(ProcessingGroups.INTEGRATION_EVENTS)
                                                .containsKey(ProcessingGroups.ACCOUNT_SUMMARY);
        http.perform(get("/admin/processors/{name}", ProcessingGroups.INTEGRATION_EVENTS))
            .andExpect(status().isNotFound());
    }
}
