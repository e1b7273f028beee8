package dev.ledger.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestContextAnnotationUtils.AnnotationDescriptor;

/**
 * Gives each class carrying {@link OwnDatabase} its database. Registered by that annotation, so only such classes
 * pass through here.
 */
class OwnDatabaseCustomizerFactory implements ContextCustomizerFactory {

    /** By owner; a database outlives its contexts (a context closed by {@code @DirtiesContext} or evicted from the
     * cache and loaded again finds its data), as the static field each test class kept it in did. */
    private static final Map<Class<?>, TestDatabase.Fresh> DATABASES = new HashMap<>();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        AnnotationDescriptor<OwnDatabase> descriptor =
                TestContextAnnotationUtils.findAnnotationDescriptor(testClass, OwnDatabase.class);
        return descriptor == null ? null
                : new OwnDatabaseCustomizer(descriptor.getRootDeclaringClass(), descriptor.getAnnotation());
    }

    private static synchronized TestDatabase.Fresh databaseOf(Class<?> owner, OwnDatabase settings) {
        return DATABASES.computeIfAbsent(owner, ignored -> {
            TestDatabase.Fresh database = TestDatabase.shared().newDatabase();
            for (OwnDatabase.Schema schema : settings.schemas()) {
                database.createSchemaFrom(schema.name(), schema.script());
            }
            return database;
        });
    }

    /**
     * Part of the key of Spring's context cache: equal for the same owner, so a class's context is reused across
     * its nested classes and subclasses and never by another class.
     *
     * @param owner    the class that carries {@link OwnDatabase}
     * @param settings its {@link OwnDatabase}
     */
    record OwnDatabaseCustomizer(Class<?> owner, OwnDatabase settings) implements ContextCustomizer {

        /** Created here rather than in the factory, so that a class whose context is never loaded costs nothing. */
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestDatabase.Fresh database = databaseOf(owner, settings);
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("ownDatabase:" + owner.getName(), ServiceTestProperties.of(database)));
        }
    }
}
