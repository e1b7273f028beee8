package dev.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The request collection in {@code http/} keeps up with the committed OpenAPI documents: every documented operation
 * has a request in some {@code .http} file, and every request to a service names a documented operation (the
 * actuator aside, which the documents do not describe).
 */
class HttpCollectionTest {

    private static final Path OPENAPI =
            Path.of(System.getProperty("ledger.openapi.dir", "../shared-api/src/main/openapi"));
    private static final Path HTTP = Path.of(System.getProperty("ledger.http.dir", "../http"));
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    /** A request line: method, then {{command}} or {{query}} from the environment file, then the path. */
    private static final Pattern REQUEST_LINE = Pattern.compile(
            "^(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) \\{\\{(command|query)}}(/\\S*?)(\\?\\S*)?( HTTP/\\S+)?$");

    @Test
    void shouldHaveARequestForEveryDocumentedOperation() {
        List<Request> requests = requests();
        List<Operation> operations = Stream.concat(operations("command"), operations("query")).toList();
        assertThat(operations).as("operations in the documents").isNotEmpty();

        assertThat(operations).filteredOn(operation -> requests.stream().noneMatch(operation::matches))
                              .as("documented operations without a request in " + HTTP.toAbsolutePath().normalize())
                              .isEmpty();
    }

    @Test
    void shouldSendEveryRequestToADocumentedOperation() {
        List<Operation> operations = Stream.concat(operations("command"), operations("query")).toList();

        assertThat(requests()).filteredOn(request -> !request.path().startsWith("/actuator/"))
                              .filteredOn(request -> operations.stream().noneMatch(o -> o.matches(request)))
                              .as("requests to no documented operation")
                              .isEmpty();
    }

    private static Stream<Operation> operations(String service) {
        JsonNode document = read(OPENAPI.resolve(service + "-side.yaml"));
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> {
                    if (METHODS.contains(method)) {
                        operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey()));
                    }
                }));
        return operations.stream();
    }

    private static List<Request> requests() {
        try (Stream<Path> files = Files.list(HTTP)) {
            List<Request> requests = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".http")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher request = REQUEST_LINE.matcher(line.strip());
                    if (request.matches()) {
                        requests.add(new Request(request.group(2), request.group(1), request.group(3),
                                                 file.getFileName().toString()));
                    }
                }
            }
            assertThat(requests).as(".http requests in " + HTTP.toAbsolutePath().normalize()).isNotEmpty();
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path document) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(document.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Request(String service, String method, String path, String file) {
    }

    /** A documented operation; a path template's {name} matches one segment, a literal or a {{variable}}. */
    private record Operation(String service, String method, String template) {

        boolean matches(Request request) {
            return service.equals(request.service()) && method.equals(request.method())
                   && request.path().matches(Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
        }
    }
}
