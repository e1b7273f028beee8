package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A refusal as a client generated from the documents sees it: the {@code ApiException} of the service called, its
 * status and headers, and its problem+json body read into that service's generated {@code Problem} model with the
 * strict mapper (so a problem field the document does not declare fails here too).
 *
 * @param code   the problem's {@code code}, as the generated enum spells it
 * @param fields the fields its {@code errors} list names (a validation failure's)
 */
record ClientRefusal(int status, String code, String detail, List<String> fields, HttpHeaders headers) {

    private static final ObjectMapper STRICT = GeneratedClients.strictMapper();

    /** Calls, expects a refusal from either service, and reads it. */
    static ClientRefusal of(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        try {
            if (thrown instanceof dev.ledger.client.command.invoker.ApiException refused) {
                var problem = STRICT.readValue(refused.getResponseBody(),
                                               dev.ledger.client.command.model.Problem.class);
                return new ClientRefusal(refused.getCode(), String.valueOf(problem.getCode()), problem.getDetail(),
                                         problem.getErrors().stream().map(e -> e.getField()).toList(),
                                         refused.getResponseHeaders());
            }
            if (thrown instanceof dev.ledger.client.query.invoker.ApiException refused) {
                var problem = STRICT.readValue(refused.getResponseBody(), dev.ledger.client.query.model.Problem.class);
                return new ClientRefusal(refused.getCode(), String.valueOf(problem.getCode()), problem.getDetail(),
                                         problem.getErrors().stream().map(e -> e.getField()).toList(),
                                         refused.getResponseHeaders());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the refusal's body is not the documented Problem", e);
        }
        throw new AssertionError("expected a refusal (ApiException), got " + thrown, thrown);
    }

    /** Asserts the status, the problem code and the problem+json content type, and returns the refusal. */
    static ClientRefusal assertRefused(ThrowingCallable call, int status, String code) {
        ClientRefusal refusal = of(call);
        assertThat(refusal.status()).as(refusal.toString()).isEqualTo(status);
        assertThat(refusal.code()).as(refusal.toString()).isEqualTo(code);
        assertThat(refusal.headers().firstValue("Content-Type")).as(refusal.toString())
                                                                 .hasValueSatisfying(type -> assertThat(type)
                                                                         .startsWith("application/problem+json"));
        return refusal;
    }

    @Override
    public String toString() {
        return status + " " + code + ": " + detail + (fields.isEmpty() ? "" : " " + fields);
    }
}
