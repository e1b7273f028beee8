package dev.ledger.command.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.ledger.command.support.CommandSideIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Every flow takes an account's lock before the screening's lock of its source. A transfer takes its accounts'
 * locks before its transaction (the request names them); a capture names only its authorization, so it takes them
 * inside, and must do so before it screens: taken after, a capture holding the screening's lock and a transfer
 * holding the account's would each wait for the other until their deadlines. With a velocity rule (the screening
 * then locks its source), transfers out of an account and captures of an authorization on it race; every one must
 * be booked, none time out.
 */
@CommandSideIntegrationTest
@TestPropertySource(properties = {
        "ledger.screening.velocity-window=1h",
        "ledger.screening.velocity-max-count=100000",
        // a deadlock then ends in a refusal within the test, instead of a 10 s wait per pair
        "ledger.commands.timeout=3s"
})
@DirtiesContext
class ScreeningLockOrderIntegrationTest {

    private static final ExecutorService RACERS = Executors.newFixedThreadPool(16);

    @Autowired
    private MockMvc mvc;

    @AfterAll
    static void stop() {
        RACERS.shutdownNow();
    }

    @Test
    void shouldBookRacingTransfersAndCapturesOutOfOneAccountWithoutADeadlock() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String source = "lo-src-" + suffix;
        String payee = "lo-payee-" + suffix;
        String shop = "lo-shop-" + suffix;
        for (String account : List.of(source, payee, shop)) {
            send("/accounts", "{\"accountId\": \"" + account + "\", \"currency\": \"EUR\"}", 202);
        }
        send("/accounts/" + source + "/deposits", "{\"amount\": 100000, \"currency\": \"EUR\"}", 202);
        String id = "lo-auth-" + suffix;
        send("/accounts/" + source + "/authorizations", "{\"authorizationId\": \"" + id
                + "\", \"amount\": 10000, \"currency\": \"EUR\", \"destinationAccountId\": \"" + shop + "\"}", 202);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String capture = "{\"captureId\": \"c" + i + "\", \"amount\": 100}";
            String transfer = "{\"sourceAccountId\": \"" + source + "\", \"destinationAccountId\": \"" + payee
                    + "\", \"amount\": 100, \"currency\": \"EUR\"}";
            answers.add(RACERS.submit(() -> {
                start.await();
                return send("/authorizations/" + id + "/captures", capture, -1);
            }));
            answers.add(RACERS.submit(() -> {
                start.await();
                return send("/transfers", transfer, -1);
            }));
        }
        start.countDown();
        for (Future<MockHttpServletResponse> answer : answers) {
            MockHttpServletResponse response = answer.get(120, TimeUnit.SECONDS);
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(202);
        }
    }

    private MockHttpServletResponse send(String path, String body, int expected) throws Exception {
        MockHttpServletResponse response = mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON)
                                                               .header("Idempotency-Key", UUID.randomUUID().toString())
                                                               .content(body))
                                              .andReturn().getResponse();
        if (expected > 0) {
            assertThat(response.getStatus()).as(path + " " + response.getContentAsString()).isEqualTo(expected);
        }
        return response;
    }
}
