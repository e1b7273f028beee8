package dev.ledger.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.ledger.testsupport.SharedModuleRules;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The boundaries of DESIGN.md, checked on the command side's classpath (its own classes, the contract and the
 * platform); the rules of the modules both services share are {@link SharedModuleRules}.
 */
@AnalyzeClasses(packages = "dev.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests shared_modules = ArchTests.in(SharedModuleRules.class);

    @ArchTest
    static final ArchRule the_command_side_never_depends_on_the_query_side =
            noClasses().that().resideInAPackage("dev.ledger.command..")
                       .should().dependOnClassesThat().resideInAPackage("dev.ledger.query..");

    @ArchTest
    static final ArchRule aggregates_do_not_depend_on_the_web =
            noClasses().that().areAnnotatedWith(Aggregate.class)
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                                           "jakarta.servlet..", "dev.ledger..web..")
                       .because("domain decisions must not depend on how the request arrived");

    @ArchTest
    static final ArchRule aggregates_are_not_public =
            classes().that().areAnnotatedWith(Aggregate.class)
                     .should().notBePublic()
                     .because("the module's public surface is its REST API");
}
