package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.ledger.client.command.invoker.ApiClient;
import dev.ledger.client.command.model.CommandAccepted;
import dev.ledger.client.command.model.Problem;
import org.junit.jupiter.api.Test;

/** The client tests' mapper refuses what the generated client alone would let through silently. */
class StrictClientJsonTest {

    private static final ObjectMapper GENERATED = ApiClient.createDefaultObjectMapper();
    private static final ObjectMapper STRICT = StrictClientJson.strict(GENERATED);
    private static final String ACCEPTED = "{\"id\":\"alice\",\"accountId\":\"alice\",\"version\":1,"
                                           + "\"consistencyToken\":\"alice@1\"}";

    @Test
    void shouldReadWhatTheDocumentDeclares() throws Exception {
        assertThat(STRICT.readValue(ACCEPTED, CommandAccepted.class).getConsistencyToken()).isEqualTo("alice@1");
        assertThat(STRICT.readValue(problem("INSUFFICIENT_FUNDS"), Problem.class).getCode())
                .isEqualTo(Problem.CodeEnum.INSUFFICIENT_FUNDS);
    }

    @Test
    void shouldFailOnAFieldTheDocumentDoesNotDeclare() throws Exception {
        String drifted = ACCEPTED.replace("}", ",\"balance\":10000}");
        assertThat(GENERATED.readValue(drifted, CommandAccepted.class).getId()).isEqualTo("alice");
        assertThatThrownBy(() -> STRICT.readValue(drifted, CommandAccepted.class))
                .isInstanceOf(UnrecognizedPropertyException.class).hasMessageContaining("balance");
    }

    @Test
    void shouldFailOnAnEnumValueTheDocumentDoesNotList() throws Exception {
        assertThat(GENERATED.readValue(problem("NOT_A_CODE"), Problem.class).getCode())
                .isEqualTo(Problem.CodeEnum.UNKNOWN_DEFAULT_OPEN_API);
        assertThatThrownBy(() -> STRICT.readValue(problem("NOT_A_CODE"), Problem.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("NOT_A_CODE");
    }

    private static String problem(String code) {
        return "{\"type\":\"https://ledger.dev/problems/x\",\"title\":\"X\",\"status\":422,\"code\":\"" + code + "\"}";
    }
}
