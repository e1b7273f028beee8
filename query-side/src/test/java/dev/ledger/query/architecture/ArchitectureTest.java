package dev.ledger.query.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.ledger.testsupport.SharedModuleRules;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
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
                     .and().areNotAnnotatedWith(DisallowReplay.class)
                     .should(haveAResetHandler())
                     .because("a replay must start from empty tables (DESIGN.md, replays and operations); a "
                                      + "processor that refuses replays (the relay) has none to empty")
                     .allowEmptyShould(true);

    // The query side's rooms, left to right: deadletter <- processors <- freshness <- the features (account,
    // transfer, reconciliation) and the relay. A room may use the rooms to its left, never one to its right.

    private static final String DEAD_LETTERS = "dev.ledger.query.deadletter..";
    private static final String PROCESSORS = "dev.ledger.query.processors..";
    private static final String FRESHNESS = "dev.ledger.query.freshness..";
    private static final String ACCOUNTS = "dev.ledger.query.account..";
    private static final String TRANSFERS = "dev.ledger.query.transfer..";
    private static final String RECONCILIATION = "dev.ledger.query.reconciliation..";
    private static final String RELAY = "dev.ledger.query.relay..";
    private static final String AUTHORIZATIONS = "dev.ledger.query.authorization..";
    private static final String METADATA = "dev.ledger.query.metadata..";
    private static final String THE_ACCOUNT_PORT =
            "dev\\.ledger\\.query\\.account\\.(AccountReadModel|RowRepair)(\\$.*)?";
    private static final String THE_TRANSFER_PORT = "dev\\.ledger\\.query\\.transfer\\.TransferReadModel(\\$.*)?";
    private static final String THE_GUARD = "dev\\.ledger\\.query\\.deadletter\\.DeadLetterGuard(\\$.*)?";

    @ArchTest
    static final ArchRule dead_letters_depend_on_no_processor_freshness_or_feature_code =
            noClasses().that().resideInAPackage(DEAD_LETTERS)
                       .should().dependOnClassesThat()
                       .resideInAnyPackage(PROCESSORS, FRESHNESS, ACCOUNTS, TRANSFERS, RECONCILIATION)
                       .because("parking an event is the bottom room: everything else may look at it, not back");

    @ArchTest
    static final ArchRule processors_depend_on_no_freshness_or_feature_code =
            noClasses().that().resideInAPackage(PROCESSORS)
                       .should().dependOnClassesThat()
                       .resideInAnyPackage(FRESHNESS, ACCOUNTS, TRANSFERS, RECONCILIATION)
                       .because("the processors' status and replays are the same whatever read models run on them");

    @ArchTest
    static final ArchRule freshness_depends_on_no_feature_code =
            noClasses().that().resideInAPackage(FRESHNESS)
                       .should().dependOnClassesThat().resideInAnyPackage(ACCOUNTS, TRANSFERS, RECONCILIATION)
                       .because("every feature's answers say how fresh they are in the same way");

    @ArchTest
    static final ArchRule the_relay_depends_on_no_read_model_and_none_on_it =
            noClasses().that().resideInAPackage(RELAY)
                       .should().dependOnClassesThat().resideInAnyPackage(ACCOUNTS, TRANSFERS, RECONCILIATION)
                       .orShould().dependOnClassesThat().resideInAPackage(FRESHNESS)
                       .because("the relay publishes from the event store; a read model may lag or be rebuilt");

    @ArchTest
    static final ArchRule nothing_depends_on_the_relay =
            noClasses().that().resideOutsideOfPackage(RELAY)
                       .should().dependOnClassesThat().resideInAPackage(RELAY)
                       .because("the query side runs without a broker; the relay is switched off then");

    @ArchTest
    static final ArchRule the_account_read_models_depend_on_no_other_feature =
            noClasses().that().resideInAPackage(ACCOUNTS)
                       .should().dependOnClassesThat().resideInAnyPackage(TRANSFERS, RECONCILIATION);

    @ArchTest
    static final ArchRule the_transfer_read_model_depends_on_no_other_feature =
            noClasses().that().resideInAPackage(TRANSFERS)
                       .should().dependOnClassesThat().resideInAnyPackage(ACCOUNTS, RECONCILIATION);

    @ArchTest
    static final ArchRule the_authorization_read_model_depends_on_no_other_feature =
            noClasses().that().resideInAPackage(AUTHORIZATIONS)
                       .should().dependOnClassesThat().resideInAnyPackage(ACCOUNTS, TRANSFERS, RECONCILIATION, RELAY)
                       .because("an authorization's view is built from its own events; the accounts' side of it is "
                                        + "the account read models'");

    @ArchTest
    static final ArchRule no_other_room_depends_on_the_authorization_read_model =
            noClasses().that().resideInAnyPackage(DEAD_LETTERS, PROCESSORS, FRESHNESS, ACCOUNTS, TRANSFERS,
                                                  RECONCILIATION, RELAY)
                       .should().dependOnClassesThat().resideInAPackage(AUTHORIZATIONS)
                       .because("authorizations are a feature room: the rooms to its left never look right");

    @ArchTest
    static final ArchRule metadata_labels_depend_on_no_feature_or_freshness_code =
            noClasses().that().resideInAPackage(METADATA)
                       .should().dependOnClassesThat()
                       .resideInAnyPackage(FRESHNESS, ACCOUNTS, TRANSFERS, AUTHORIZATIONS, RECONCILIATION, RELAY)
                       .because("labels are kept and filtered the same way by every read model that has them");

    @ArchTest
    static final ArchRule reconciliation_reaches_the_transfer_read_model_only_through_its_port =
            noClasses().that().resideInAPackage(RECONCILIATION)
                       .should().dependOnClassesThat(resideInAPackage(TRANSFERS)
                                                             .and(not(nameMatching(THE_TRANSFER_PORT))))
                       .because("reconciliation recomputes transfers from the event store itself; of the read "
                                        + "model it may only read the rows");

    @ArchTest
    static final ArchRule reconciliation_reaches_the_account_read_models_only_through_their_port =
            noClasses().that().resideInAPackage(RECONCILIATION)
                       .should().dependOnClassesThat(resideInAPackage(ACCOUNTS)
                                                             .and(not(nameMatching(THE_ACCOUNT_PORT))))
                       .because("the account read models' tables and statements are theirs to change");

    @ArchTest
    static final ArchRule the_dead_letter_guard_depends_on_no_other_dead_letter_class =
            noClasses().that().haveNameMatching(THE_GUARD)
                       .should().dependOnClassesThat(resideInAPackage("dev.ledger.query.deadletter")
                                                             .and(not(nameMatching(THE_GUARD))))
                       .because("the configuration and the retries build on the guard; a guard that reached back "
                                        + "made the two depend on each other");

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
