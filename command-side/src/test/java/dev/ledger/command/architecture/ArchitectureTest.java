package dev.ledger.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The boundaries of DESIGN.md, checked on the command side's classpath (its own classes, the contract and the
 * platform).
 */
@AnalyzeClasses(packages = "dev.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_contract_depends_on_no_framework_but_axon_routing_annotations =
            classes().that().resideInAPackage("dev.ledger.api..")
                     .should().onlyDependOnClassesThat()
                     .resideInAnyPackage("java..", "dev.ledger.api..", "org.axonframework.modelling.command..")
                     .because("shared-api is the contract others read; it must not drag a framework into them");

    @ArchTest
    static final ArchRule the_contract_depends_on_no_spring_jpa_or_hibernate =
            noClasses().that().resideInAPackage("dev.ledger.api..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule the_contract_depends_on_none_of_its_readers =
            noClasses().that().resideInAPackage("dev.ledger.api..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("dev.ledger.command..", "dev.ledger.query..", "dev.ledger.platform..");

    @ArchTest
    static final ArchRule the_command_side_never_depends_on_the_query_side =
            noClasses().that().resideInAPackage("dev.ledger.command..")
                       .should().dependOnClassesThat().resideInAPackage("dev.ledger.query..");

    @ArchTest
    static final ArchRule the_platform_depends_on_neither_service =
            noClasses().that().resideInAPackage("dev.ledger.platform..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("dev.ledger.command..", "dev.ledger.query..");

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
