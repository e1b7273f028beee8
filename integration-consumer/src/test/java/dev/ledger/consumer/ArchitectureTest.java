package dev.ledger.consumer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The consumer stands where any other system stands: it knows the published contract and nothing else. */
@AnalyzeClasses(packages = "dev.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_consumer_knows_only_the_integration_events_of_the_ledger =
            noClasses().that().resideInAPackage("dev.ledger.consumer..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("dev.ledger.api..", "dev.ledger.command..", "dev.ledger.query..",
                                           "dev.ledger.platform..");

    @ArchTest
    static final ArchRule the_inbox_works_without_the_spring_application =
            noClasses().that().resideInAPackage("dev.ledger.consumer.inbox..")
                       .should().dependOnClassesThat()
                       .resideInAnyPackage("dev.ledger.consumer.amqp..", "org.springframework.boot..")
                       .because("the ledger's tests use DeduplicatingConsumer over a bare DataSource");
}
