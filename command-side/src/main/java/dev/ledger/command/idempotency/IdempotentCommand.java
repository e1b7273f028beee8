package dev.ledger.command.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method as a command: {@link CommandRequestFilter} runs it in one transaction with its
 * {@code Idempotency-Key}, caps its body and retries it on transient failures. The filter finds the mark on the
 * handler Spring MVC resolves for the request, so every spelling of the path that reaches the method gets the same
 * treatment, and none that does not.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotentCommand {

    /** Whether a request without an {@code Idempotency-Key} is refused: it moves money or creates something. */
    boolean keyRequired();
}
