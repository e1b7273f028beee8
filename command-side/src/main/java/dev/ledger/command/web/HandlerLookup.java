package dev.ledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Finds, for a servlet filter, the controller method the DispatcherServlet will run for a request, by asking the
 * same handler mapping the same way. Filters that guard commands decide on what the request will reach, never on
 * how its path is spelled: {@code /accounts/a/%64eposits} is a deposit for Spring MVC (it decodes and drops
 * matrix parameters before matching), so it must be one for the filters too.
 * <p>
 * The lookup leaves the request as it found it (the mapping records its match in request attributes, which the
 * DispatcherServlet sets again) and remembers its answer in one attribute, so each filter may ask.
 */
@Component
public class HandlerLookup {

    private static final String RESOLVED = HandlerLookup.class.getName() + ".RESOLVED";
    private static final Object NONE = new Object();

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;

    HandlerLookup(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    /** @return the handler, or empty when none matches (Spring MVC then answers 404, 405, 406 or 415 itself) */
    public Optional<ResolvedHandler> resolve(HttpServletRequest request) {
        Object known = request.getAttribute(RESOLVED);
        if (known == null) {
            known = lookup(request).<Object>map(handler -> handler).orElse(NONE);
            request.setAttribute(RESOLVED, known);
        }
        return known instanceof ResolvedHandler handler ? Optional.of(handler) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private Optional<ResolvedHandler> lookup(HttpServletRequest request) {
        Set<String> before = new HashSet<>(Collections.list(request.getAttributeNames()));
        try {
            HandlerExecutionChain chain = mappings.getObject().getHandler(request);
            if (chain == null || !(chain.getHandler() instanceof HandlerMethod method)) {
                return Optional.empty();
            }
            String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            Map<String, String> variables =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return Optional.of(new ResolvedHandler(method, pattern, variables == null ? Map.of() : variables));
        } catch (Exception noMatch) {
            // e.g. HttpMediaTypeNotAcceptableException: no handler will run, the DispatcherServlet answers it
            return Optional.empty();
        } finally {
            for (String name : Collections.list(request.getAttributeNames())) {
                if (!before.contains(name)) {
                    request.removeAttribute(name);
                }
            }
        }
    }
}
