package dev.ledger.command.account;

import static org.hamcrest.Matchers.is;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.ledger.api.ErrorCode;
import dev.ledger.api.account.CloseAccountCommand;
import dev.ledger.api.account.FreezeAccountCommand;
import dev.ledger.api.account.UnfreezeAccountCommand;
import dev.ledger.command.LedgerRuleViolation;
import dev.ledger.command.web.CommandDispatcher;
import dev.ledger.command.access.CommandAccessRules;
import dev.ledger.command.support.TestCallers;
import dev.ledger.platform.security.LedgerSecurityConfiguration;
import dev.ledger.platform.web.CommonProblemHandler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The freeze, unfreeze and close endpoints: body, If-Match, and how the command side's refusals come back. */
@WebMvcTest(AccountCommandController.class)
@Import({CommonProblemHandler.class, LedgerSecurityConfiguration.class, CommandAccessRules.class,
         TestCallers.class})
class AccountCommandControllerTest {

    @DynamicPropertySource
    static void trustTestIssuer(DynamicPropertyRegistry registry) {
        TestCallers.trustTestIssuer(registry);
    }

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandDispatcher commands;

    @BeforeEach
    void commandsSucceedAtVersionSeven() {
        when(commands.<Long>send(any())).thenReturn(7L);
    }

    @Test
    void shouldFreezeWithoutBodyOrIfMatchAndAnswerAcceptedWithTheNewVersion() throws Exception {
        mvc.perform(post("/accounts/acc-1/freeze"))
           .andExpect(status().isAccepted())
           .andExpect(jsonPath("$.id", is("acc-1")))
           .andExpect(jsonPath("$.accountId", is("acc-1")))
           .andExpect(jsonPath("$.version", is(7)))
           .andExpect(jsonPath("$.consistencyToken").isString());
        verify(commands).send(new FreezeAccountCommand("acc-1", null, null));
    }

    @Test
    void shouldPassTheReasonAndTheQuotedIfMatchVersion() throws Exception {
        mvc.perform(post("/accounts/acc-1/freeze").contentType(MediaType.APPLICATION_JSON)
                                                  .header(HttpHeaders.IF_MATCH, "\"3\"")
                                                  .content("{\"reason\": \"aml review\"}"))
           .andExpect(status().isAccepted());
        verify(commands).send(new FreezeAccountCommand("acc-1", "aml review", 3L));
    }

    @Test
    void shouldAcceptAnUnquotedVersionAndAnEmptyJsonBody() throws Exception {
        mvc.perform(post("/accounts/acc-1/unfreeze").contentType(MediaType.APPLICATION_JSON)
                                                    .header(HttpHeaders.IF_MATCH, "12"))
           .andExpect(status().isAccepted());
        verify(commands).send(new UnfreezeAccountCommand("acc-1", null, 12L));
    }

    @Test
    void shouldCloseWithAnEmptyObjectAsBody() throws Exception {
        mvc.perform(post("/accounts/acc-1/close").contentType(MediaType.APPLICATION_JSON)
                                                 .content("{}"))
           .andExpect(status().isAccepted());
        verify(commands).send(new CloseAccountCommand("acc-1", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"3\"", "abc", "\"3", "3\"", "\"\"", "-1", "\"3\", \"4\"", "1234567890123456789"})
    void shouldRefuseAnIfMatchThatIsNotOneStrongVersion(String ifMatch) throws Exception {
        mvc.perform(post("/accounts/acc-1/freeze").header(HttpHeaders.IF_MATCH, ifMatch))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.code", is(ErrorCode.VALIDATION_FAILED.name())));
        verify(commands, never()).send(any());
    }

    @Test
    void shouldRefuseAReasonLongerThan256Characters() throws Exception {
        mvc.perform(post("/accounts/acc-1/freeze").contentType(MediaType.APPLICATION_JSON)
                                                  .content("{\"reason\": \"" + "x".repeat(257) + "\"}"))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.code", is(ErrorCode.VALIDATION_FAILED.name())));
        verify(commands, never()).send(any());
    }

    @Test
    void shouldRefuseUnknownFieldsInTheBody() throws Exception {
        mvc.perform(post("/accounts/acc-1/close").contentType(MediaType.APPLICATION_JSON)
                                                 .content("{\"reason\": \"x\", \"force\": true}"))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.code", is(ErrorCode.MALFORMED_REQUEST.name())));
        verify(commands, never()).send(any());
    }

    @Test
    void shouldRefuseASystemAccountInThePath() throws Exception {
        mvc.perform(post("/accounts/world:EUR/freeze"))
           .andExpect(status().isBadRequest())
           .andExpect(jsonPath("$.code", is(ErrorCode.VALIDATION_FAILED.name())));
    }

    @Test
    void shouldAnswerPreconditionFailedWhenTheVersionIsStale() throws Exception {
        when(commands.send(any())).thenThrow(new ConflictingAggregateVersionException("acc-1", 3, 5));

        mvc.perform(post("/accounts/acc-1/freeze").header(HttpHeaders.IF_MATCH, "\"3\""))
           .andExpect(status().isPreconditionFailed())
           .andExpect(jsonPath("$.code", is(ErrorCode.VERSION_MISMATCH.name())))
           .andExpect(jsonPath("$.type", is(ErrorCode.VERSION_MISMATCH.typeUri())));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownAccount() throws Exception {
        when(commands.send(any())).thenThrow(new AggregateNotFoundException("acc-9", "not found"));

        mvc.perform(post("/accounts/acc-9/unfreeze"))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.code", is(ErrorCode.ACCOUNT_NOT_FOUND.name())));
    }

    @Test
    void shouldAnswerNotFoundWhenTheIdNamesATransfersStream() throws Exception {
        // ids are shared: loading a transfer's stream as an account fails inside Axon
        when(commands.send(any())).thenThrow(new IncompatibleAggregateException("no identifier after replay"));

        mvc.perform(post("/accounts/tr-1/freeze"))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.code", is(ErrorCode.ACCOUNT_NOT_FOUND.name())));
    }

    @Test
    void shouldAnswerUnprocessableWhenClosingAnAccountWithMoneyOnIt() throws Exception {
        when(commands.send(any())).thenThrow(new LedgerRuleViolation(ErrorCode.ACCOUNT_NOT_EMPTY, "balance 5"));

        mvc.perform(post("/accounts/acc-1/close"))
           .andExpect(status().isUnprocessableEntity())
           .andExpect(jsonPath("$.code", is(ErrorCode.ACCOUNT_NOT_EMPTY.name())));
    }
}
