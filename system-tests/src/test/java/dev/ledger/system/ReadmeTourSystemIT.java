package dev.ledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The README's API tour, run as the script a new user would paste: every {@code bash} block of the section, in
 * order, against both services and the authorization server (only the ports differ). Nothing in the tour may
 * answer 401, 403 or 5xx, and the outcomes it promises must appear.
 * <p>
 * A ledger of its own, with the defaults the README describes (the shared one's reviews expire after 3 s). It runs
 * before every other class: its services, the first of the build, write their class data archives when they stop
 * here, so that every later start of the run (the shared ledger, its restarts and second nodes) maps them.
 */
@Order(1)
class ReadmeTourSystemIT {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static LedgerSystem ledger;

    @BeforeAll
    static void start() throws IOException {
        ledger = LedgerSystem.start(Map.of());
    }

    @AfterAll
    static void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void shouldRunTheApiTourTopToBottomWithItsTokens() throws Exception {
        String script = tourScript();
        Path file = Files.createTempFile("readme-tour-", ".sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Path output = Files.createTempFile("readme-tour-", ".out");
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true)
                                                                   .redirectOutput(output.toFile()).start();
        assertThat(bash.waitFor(180, TimeUnit.SECONDS)).as("the tour finishes").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(bash.exitValue()).as("the tour ran without a failed command:\n" + printed).isZero();

        List<String> statuses = new ArrayList<>();
        Matcher status = Pattern.compile("(?m)^HTTP (\\d{3})$").matcher(printed);
        while (status.find()) {
            statuses.add(status.group(1));
        }
        assertThat(statuses).as(printed).hasSizeGreaterThan(30).doesNotContain("401", "403", "000")
                            .noneMatch(code -> code.startsWith("5"));
        assertThat(printed).as("what the tour promises")
                           .contains("\"status\":\"COMPLETED\"", "\"status\":\"IN_REVIEW\"",
                                     "\"reviewer\":\"ledger-compliance\"", "\"requestedBy\":\"ledger-holder\"",
                                     "/problems/account-not-found", "/problems/unknown-account",
                                     "/problems/insufficient-funds", "ACCOUNT_FROZEN", "world:EUR",
                                     "\"accountVersions\":[\"alice@3\",\"bob@1\"]", "\"held\":1500000",
                                     "/problems/no-balance-at", "\"awaitedPosition\":999999999")
                           .containsIgnoringCase("Idempotent-Replayed: true");
        assertThat(printed).as("what the metadata tour promises")
                           .contains("\"metadata\":{\"channel\":\"web\",\"orderId\":\"A-1001\"}",
                                     "\"customerId\":\"cust-42\"", "/problems/metadata-invalid");
    }

    /** The tour's blocks with the ports of this run, and every curl printing its status on a line of its own. */
    private static String tourScript() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String tour = readme.substring(readme.indexOf("## API tour"), readme.indexOf("## Consistency model"));
        StringBuilder script = new StringBuilder("""
                set -euo pipefail
                curl() {
                  case "$*" in
                    *oauth2/token*) command curl "$@" ;;
                    *) command curl -w '\\nHTTP %{http_code}\\n' "$@" ;;
                  esac
                }
                """);
        Matcher block = BASH_BLOCK.matcher(tour);
        while (block.find()) {
            script.append(block.group(1)).append('\n');
        }
        return script.toString()
                     .replace("localhost:8080", "localhost:" + ledger.commandPort())
                     .replace("localhost:8081", "localhost:" + ledger.queryPort())
                     .replace("localhost:9000", "localhost:" + IdentityProvider.shared().port());
    }
}
