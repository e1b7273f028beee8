package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import dev.ledger.platform.correlation.CorrelationIds;
import dev.ledger.platform.security.AccessRules;
import dev.ledger.platform.security.LedgerRole;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.oas.models.servers.ServerVariables;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;

/**
 * What is the same for every operation of both services, written once into the document springdoc built from the
 * controllers: the info, the servers of each run mode, the OAuth 2.0 scheme and each operation's roles (read from
 * the service's {@link AccessRules}, the same rows that guard the endpoints), the correlation header, the
 * {@code Problem} schema and every operation's refusals (those all endpoints share plus those declared by
 * {@link Refuses} and the services' customizers), and the example files.
 */
class LedgerApiDescription implements OpenApiCustomizer {

    static final String SECURITY_SCHEME = "ledger";
    private static final String CORRELATION_PARAMETER = "#/components/parameters/CorrelationId";
    private static final String CORRELATION_HEADER = "#/components/headers/CorrelationId";

    private final ApiDocsProperties properties;
    private final List<AccessRules> rules;
    private final ExampleFiles examples;

    LedgerApiDescription(ApiDocsProperties properties, List<AccessRules> rules, ExampleFiles examples) {
        this.properties = properties;
        this.rules = rules;
        this.examples = examples;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(info());
        api.servers(properties.servers().stream().map(LedgerApiDescription::server).toList());
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components.addSecuritySchemes(SECURITY_SCHEME, securityScheme())
                                 .addSchemas(ProblemSchema.NAME, ProblemSchema.problem())
                                 .addParameters("CorrelationId", correlationParameter())
                                 .addHeaders("CorrelationId", correlationHeader())
                                 .addHeaders("RetryAfter", retryAfterHeader())
                                 .addHeaders("WwwAuthenticate", wwwAuthenticateHeader()));
        ProblemResponses.sharedResponses().forEach((name, response) -> components.addResponses(
                name, response.addHeaderObject(CorrelationIds.HEADER, new Header().$ref(CORRELATION_HEADER))));
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                    (method, operation) -> describe(path, HttpMethod.valueOf(method.name()), operation)));
            examples.applyTo(api);
        }
    }

    private void describe(String path, HttpMethod method, Operation operation) {
        operation.setSecurity(security(method, path));
        Set<ErrorCode> refusals = EnumSet.copyOf(commonRefusals(method, operation));
        refusals.addAll(Refusals.take(operation));
        ProblemResponses.add(operation, path, refusals);
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                                                                      : new ArrayList<>(operation.getParameters());
        parameters.add(new Parameter().$ref(CORRELATION_PARAMETER));
        operation.setParameters(parameters);
        operation.getResponses().values().stream().filter(response -> response.get$ref() == null).forEach(
                response -> response.addHeaderObject(CorrelationIds.HEADER, new Header().$ref(CORRELATION_HEADER)));
    }

    /** Any of the roles the access rules allow: one requirement each, the OAuth way of saying "any of these". */
    private List<SecurityRequirement> security(HttpMethod method, String path) {
        String concrete = path.replaceAll("\\{[^}]+}", "x");
        Set<LedgerRole> roles = rules.stream()
                                     .flatMap(r -> r.rolesFor(method, concrete).stream())
                                     .findFirst()
                                     .orElse(Set.of());
        return roles.stream().sorted()
                    .map(role -> new SecurityRequirement().addList(SECURITY_SCHEME, role.scope()))
                    .toList();
    }

    /** What every endpoint may answer: the token, the rate, the issuer's reach; and a body's form, if it takes one. */
    private static Set<ErrorCode> commonRefusals(HttpMethod method, Operation operation) {
        Set<ErrorCode> codes = EnumSet.of(ErrorCode.UNAUTHENTICATED, ErrorCode.ACCESS_DENIED, ErrorCode.RATE_LIMITED,
                                          ErrorCode.SERVICE_UNAVAILABLE);
        boolean takesInput = operation.getRequestBody() != null
                             || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            codes.add(ErrorCode.VALIDATION_FAILED);
        }
        if (HttpMethod.POST.equals(method)) {
            // the body filters refuse a POST's body by size and type before any handler, also an empty one's type
            codes.add(ErrorCode.PAYLOAD_TOO_LARGE);
            codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            if (operation.getRequestBody() != null) {
                codes.add(ErrorCode.MALFORMED_REQUEST);
            }
        }
        return codes;
    }

    private static Server server(ApiDocsProperties.Server server) {
        ServerVariables variables = new ServerVariables();
        new TreeMap<>(server.variables()).forEach((name, variable) -> variables.addServerVariable(
                name, new ServerVariable()._default(variable.defaultValue()).description(variable.description())));
        return new Server().url(server.url()).description(server.description())
                           .variables(variables.isEmpty() ? null : variables);
    }

    private Info info() {
        return new Info().title(properties.title())
                         .description(properties.description())
                         .version(properties.version())
                         .contact(new Contact().name(properties.contact().name())
                                               .url(properties.contact().url())
                                               .email(properties.contact().email()))
                         .license(new License().name(properties.licence().name()).url(properties.licence().url()));
    }

    private SecurityScheme securityScheme() {
        Scopes scopes = new Scopes();
        for (LedgerRole role : LedgerRole.values()) {
            scopes.addString(role.scope(), role.description());
        }
        return new SecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("A JWT bearer token from the ledger's authorization server (client-credentials grant; in "
                             + "compose mode Keycloak's realm `ledger` issues the same clients' tokens). The token's "
                             + "scopes (or `roles` claim) decide which operations the caller may call; what a holder "
                             + "sees and moves is further limited to the accounts its subject owns.")
                .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl(properties.tokenUrl())
                                                                         .scopes(scopes)));
    }

    private static Parameter correlationParameter() {
        return new HeaderParameter()
                .name(CorrelationIds.HEADER)
                .required(false)
                .description("Follows the request into every command, event, log line and statement entry, and is "
                             + "echoed in the answer. Up to 64 characters of `[A-Za-z0-9._:-]`; anything else, or "
                             + "none, is replaced by a generated one.")
                .schema(new StringSchema().maxLength(64).example("checkout-7f3a"));
    }

    private static Header correlationHeader() {
        return new Header().description("The request's correlation id: the caller's, or the one generated for it.")
                           .schema(new StringSchema());
    }

    private static Header retryAfterHeader() {
        return new Header().description("Whole seconds to wait before retrying (with the same `Idempotency-Key`).")
                           .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE));
    }

    private static Header wwwAuthenticateHeader() {
        return new Header().description("`Bearer`, with `error=\"invalid_token\"` when a token was sent but refused.")
                           .schema(new StringSchema());
    }
}
