package dev.ledger.command.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.ledger.testsupport.OwnDatabase;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * The whole command side on a database of its own ({@link OwnDatabase}), accepting the test issuer's tokens, with
 * MockMvc sending {@link TestCallers#TESTER}'s unless a request says otherwise. Backpressure is off, so that no
 * answer depends on how far behind the pipelines happen to be at that moment ({@code BackpressureIntegrationTest}
 * is about that, and keeps it on).
 * <p>
 * What a class sets of its own goes in a {@code @TestPropertySource}, which wins over the properties here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(properties = "ledger.backpressure.enabled=false")
@AutoConfigureMockMvc
@Import(TestCallers.class)
@OwnDatabase
public @interface CommandSideIntegrationTest {

    /** MOCK for MockMvc; RANDOM_PORT for a test about what a real Tomcat makes of a request. */
    @AliasFor(annotation = SpringBootTest.class)
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

    /** Another service's schemas the test needs in its database. */
    @AliasFor(annotation = OwnDatabase.class)
    OwnDatabase.Schema[] schemas() default {};
}
