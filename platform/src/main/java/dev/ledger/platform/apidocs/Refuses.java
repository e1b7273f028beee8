package dev.ledger.platform.apidocs;

import dev.ledger.api.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an endpoint answers for the rules of its own feature (an unknown account, insufficient funds...),
 * written into the API description as its 4xx responses with one example per code. What every endpoint may answer
 * (no token, no role, too many requests, a body that is not JSON...) and what a service's mechanics add (idempotency
 * keys, consistency tokens) is added by the platform and the services' customizers, so it is not repeated here.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

    ErrorCode[] value();
}
