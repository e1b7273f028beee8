package dev.ledger.command.web;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;

/**
 * The controller method a request will be dispatched to, as Spring MVC resolved it.
 *
 * @param method    the handler method
 * @param pattern   the mapping's pattern that matched, e.g. {@code /accounts/{accountId}/deposits}
 * @param variables the pattern's variables, decoded, e.g. {@code accountId=alice}
 */
public record ResolvedHandler(HandlerMethod method, String pattern, Map<String, String> variables) {

    public ResolvedHandler {
        variables = Map.copyOf(variables);
    }

    public <A extends Annotation> Optional<A> annotation(Class<A> type) {
        return Optional.ofNullable(method.getMethodAnnotation(type));
    }

    /**
     * The path as the canonical spelling of this request: the pattern with its variables in place. Two spellings of
     * one request ({@code /accounts/a/%64eposits}, {@code /accounts/a/deposits}) have the same canonical path.
     */
    public String canonicalPath() {
        String path = pattern;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            path = path.replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return path;
    }
}
