package dev.ledger.command.backpressure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that moves money: {@link BackpressureFilter} refuses it while accepted work lags. Found
 * on the handler Spring MVC resolves for the request, whatever the spelling of its path.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MovesMoney {
}
