package dev.ledger.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A Spring test class with a database of its own: a {@link TestDatabase#newDatabase() fresh database} on the run's
 * server, created when the class's context is first loaded, and the properties {@link ServiceTestProperties} sets
 * (the database, the test issuer) pointing the service at it.
 * <p>
 * The database belongs to the class that carries this annotation (directly or through a composed annotation such as
 * a service's integration-test annotation): its subclasses and nested classes share it, every other class gets its
 * own, and so its own Spring context. That is what tests that assert on whole tables or turn on faults need, and
 * what each of them used to write by hand in a {@code @DynamicPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(OwnDatabaseCustomizerFactory.class)
public @interface OwnDatabase {

    /** Schemas of another service created in the database from that service's own migration, before the context. */
    Schema[] schemas() default {};

    /** A schema created from the SQL script at class path {@link #script()}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Schema {

        /** Name of the schema. */
        String name();

        /** Class path resource of the SQL script run in it. */
        String script();
    }
}
