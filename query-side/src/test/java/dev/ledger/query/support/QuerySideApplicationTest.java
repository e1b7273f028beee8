package dev.ledger.query.support;

import dev.ledger.testsupport.OwnDatabase;
import dev.ledger.testsupport.TestIssuer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole query-side application (processors, read models, REST) on a database of its own ({@link OwnDatabase}),
 * whose event store schema is created from the command side's own migration, not a copy, since the command side
 * that owns it does not run here (the build puts it on this module's test class path).
 * <p>
 * The service accepts the tokens of the JVM's {@link TestIssuer}, exactly as it accepts a real issuer's (discovery,
 * JWKS, signature, issuer, audience, time); MockMvc requests carry one of {@link Callers} ({@link DefaultCaller}
 * unless a test names another).
 * <p>
 * The module's integration tests extend {@link QuerySideIntegrationTest}, which carries this, and so share its
 * database and context; a test that must not share them (it asserts on what a whole queue or processor holds)
 * carries this itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "ledger.storage.schema=" + QuerySideIntegrationTest.READ_MODEL_SCHEMA,
        "ledger.storage.event-store-schema=" + QuerySideIntegrationTest.EVENT_STORE_SCHEMA,
        // the reader's idle poll is the floor of every wait in these tests
        "ledger.event-store.fetch-delay=20ms",
        // one waiting read at a time: the tests send their requests one after another, so only a test that means
        // to (TransferQueryControllerIntegrationTest) ever meets the cap, without a context of its own
        "ledger.limits.max-concurrent-waits=1"
})
@AutoConfigureMockMvc
@Import(DefaultCaller.class)
@OwnDatabase(schemas = @OwnDatabase.Schema(name = QuerySideIntegrationTest.EVENT_STORE_SCHEMA,
                                           script = "db/migration/command/V1__event_store.sql"))
public @interface QuerySideApplicationTest {
}
