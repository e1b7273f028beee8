package dev.ledger.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

/** Which test classes share a database (and so may share a Spring context): without starting one. */
class OwnDatabaseCustomizerFactoryTest {

    private final OwnDatabaseCustomizerFactory factory = new OwnDatabaseCustomizerFactory();

    @Test
    void shouldGiveEveryAnnotatedClassItsOwnDatabase() {
        assertThat(customizer(OneTest.class)).isNotEqualTo(customizer(OtherTest.class));
        assertThat(customizer(OneTest.class)).isEqualTo(customizer(OneTest.class));
        assertThat(customizer(OneTest.class).hashCode()).isEqualTo(customizer(OneTest.class).hashCode());
    }

    @Test
    void shouldShareTheDatabaseWithTheClassesThatInheritTheAnnotation() {
        assertThat(customizer(OneTest.Inner.class)).isEqualTo(customizer(OneTest.class));
        assertThat(customizer(SubclassTest.class)).isEqualTo(customizer(OneTest.class));
    }

    @Test
    void shouldFindTheAnnotationThroughAComposedOneWithItsSchemas() {
        assertThat(customizer(ComposedTest.class).owner()).isEqualTo(ComposedTest.class);
        assertThat(customizer(ComposedTest.class).settings().schemas()).extracting(OwnDatabase.Schema::name)
                                                                        .containsExactly("other");
    }

    @Test
    void shouldLeaveClassesWithoutTheAnnotationAlone() {
        assertThat(factory.createContextCustomizer(OwnDatabaseCustomizerFactoryTest.class, List.of())).isNull();
    }

    private OwnDatabaseCustomizerFactory.OwnDatabaseCustomizer customizer(Class<?> testClass) {
        ContextCustomizer customizer = factory.createContextCustomizer(testClass, List.of());
        assertThat(customizer).isInstanceOf(OwnDatabaseCustomizerFactory.OwnDatabaseCustomizer.class);
        return (OwnDatabaseCustomizerFactory.OwnDatabaseCustomizer) customizer;
    }

    @OwnDatabase
    static class OneTest {

        @Nested
        class Inner {
        }
    }

    static class SubclassTest extends OneTest {
    }

    @OwnDatabase
    static class OtherTest {
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @OwnDatabase(schemas = @OwnDatabase.Schema(name = "other", script = "other.sql"))
    @interface Composed {
    }

    @Composed
    static class ComposedTest {
    }
}
