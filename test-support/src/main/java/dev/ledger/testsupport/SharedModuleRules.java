package dev.ledger.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries of DESIGN.md for the modules both services are built on, the contract ({@code shared-api}) and
 * the platform, written once. Each service's {@code ArchitectureTest} checks them on its own class path with
 * {@code @ArchTest static final ArchTests shared_modules = ArchTests.in(SharedModuleRules.class);}.
 */
public final class SharedModuleRules {

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
    static final ArchRule the_platform_depends_on_neither_service =
            noClasses().that().resideInAPackage("dev.ledger.platform..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("dev.ledger.command..", "dev.ledger.query..");

    private SharedModuleRules() {
    }
}
