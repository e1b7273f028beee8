package dev.ledger.query.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.ledger.testsupport.SharedModuleRules;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The boundaries of DESIGN.md, checked on the query side's classpath; the rules of the modules both services share
 * are {@link SharedModuleRules}. Empty sets are allowed where a package may not exist yet, so that the rules hold as
 * the read models are written.
 */
@AnalyzeClasses(packages = "dev.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_query_side_never_depends_on_the_command_side =
            noClasses().that().resideInAPackage("dev.ledger.query..")
                       .should().dependOnClassesThat().resideInAPackage("dev.ledger.command..")
                       .because("the read side learns about writes only from events")
                       .allowEmptyShould(true);

    @ArchTest
    static final ArchTests shared_modules = ArchTests.in(SharedModuleRules.class);

    @ArchTest
    static final ArchRule every_projection_can_be_rebuilt =
            classes().that().areAnnotatedWith(ProcessingGroup.class)
                     .and().resideInAPackage("dev.ledger.query..")
                     .should(haveAResetHandler())
                     .because("a replay must start from empty tables (DESIGN.md, replays and operations)")
                     .allowEmptyShould(true);

    private static ArchCondition<JavaClass> haveAResetHandler() {
        return new ArchCondition<>("have a @ResetHandler method") {
            @Override
            public void check(JavaClass projection, ConditionEvents events) {
                boolean found = projection.getMethods().stream()
                                          .anyMatch(method -> method.isAnnotatedWith(ResetHandler.class));
                events.add(new SimpleConditionEvent(projection, found,
                                                    projection.getName() + (found ? " has" : " has no")
                                                            + " @ResetHandler"));
            }
        };
    }
}
