package dev.ledger.command.locking;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names where a command request's accounts are, so their locks are taken before its database transaction begins:
 * a request waiting for a busy account then holds no pooled connection. Each name is a path variable of the handler's
 * mapping or, failing that, a top-level text field of the JSON body.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface LocksAccounts {

    String[] value();
}
