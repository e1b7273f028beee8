package dev.ledger.query.freshness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read that goes through {@link FreshnessGate}: it takes {@code ?after=} (or {@code X-Consistency-Token})
 * and {@code ?wait=}, may refuse a malformed token, and answers with the {@link Freshness} fields. The API
 * description documents all of that once, from this mark ({@link FreshnessApiDocs}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FreshnessGated {
}
