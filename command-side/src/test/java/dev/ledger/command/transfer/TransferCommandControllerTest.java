package dev.ledger.command.transfer;

import static org.hamcrest.Matchers.is;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledger.api.ErrorCode;
import dev.ledger.command.directory.AccountDirectory;
import dev.ledger.command.directory.AccountDirectory.ListedAccount;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.web.CommandDispatcher;
import dev.ledger.command.access.CommandAccessRules;
import dev.ledger.command.support.TestCallers;
import dev.ledger.platform.security.LedgerSecurityConfiguration;
import dev.ledger.platform.web.CommonProblemHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.util.Optional;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** How the transfer endpoints answer when an id turns out to name an account's stream (ids are shared). */
@WebMvcTest(TransferCommandController.class)
@Import({CommonProblemHandler.class, LedgerSecurityConfiguration.class, CommandAccessRules.class,
         TestCallers.class})
class TransferCommandControllerTest {

    @DynamicPropertySource
    static void trustTestIssuer(DynamicPropertyRegistry registry) {
        TestCallers.trustTestIssuer(registry);
    }

    private static final String REVIEW = "{\"decision\": \"APPROVE\"}";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandDispatcher commands;
    @MockitoBean
    private AccountDirectory accounts;
    @MockitoBean
    private TransferDirectory transfers;
    @MockitoBean
    private EventStore eventStore;

    @Test
    void shouldAnswerNotFoundWhenTheReviewedIdIsAnAccount() throws Exception {
        when(commands.send(any())).thenThrow(new IncompatibleAggregateException("no identifier after replay"));

        mvc.perform(post("/transfers/acc-1/review").contentType(MediaType.APPLICATION_JSON).content(REVIEW))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.code", is(ErrorCode.TRANSFER_NOT_FOUND.name())));
    }

    @Test
    void shouldAnswerNotFoundWhenTheReviewedTransferDoesNotExist() throws Exception {
        when(commands.send(any())).thenThrow(new AggregateNotFoundException("tr-9", "not found"));

        mvc.perform(post("/transfers/tr-9/review").contentType(MediaType.APPLICATION_JSON).content(REVIEW))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.code", is(ErrorCode.TRANSFER_NOT_FOUND.name())));
    }

    @Test
    void shouldAskForAWholeRetryWhenTheAppendCollidesInsteadOfReadingInTheAbortedTransaction() throws Exception {
        when(transfers.find(any())).thenReturn(Optional.empty());
        when(commands.send(any())).thenThrow(new AggregateStreamCreationException("tr-3 exists"));

        mvc.perform(post("/transfers").contentType(MediaType.APPLICATION_JSON).content("""
                       {"transferId": "tr-3", "sourceAccountId": "acc-1", "destinationAccountId": "acc-2",
                        "amount": 500, "currency": "EUR"}"""))
           .andExpect(status().isConflict())
           .andExpect(jsonPath("$.code", is(ErrorCode.CONCURRENT_MODIFICATION.name())));
        // read once, before the command; never again in the transaction the failed append aborted
        verify(transfers, times(1)).find("tr-3");
    }
}
