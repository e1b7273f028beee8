package dev.ledger.command.deadline;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's db-scheduler task for deadlines, with a failure handler that runs a failed deadline again within seconds.
 * A deadline whose execution fails as a whole (the database restarted under it) rolls back with it whatever retry
 * the handler armed, so db-scheduler's retry is the only one left, and its default waited five minutes: the fault
 * suite found reviews open long past their timeout.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineSettings.class)
class DeadlineConfiguration {

    /** Replaces the auto-configured task of the same qualifier; executes exactly as Axon's does. */
    @Bean
    @Qualifier("deadlineDetailsTask")
    Task<DbSchedulerBinaryDeadlineDetails> deadlineDetailsTask(
            ApplicationContext context, DeadlineSettings settings) {
        Task<DbSchedulerBinaryDeadlineDetails> axons =
                DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class));
        return Tasks.oneTime(axons.getName(), DbSchedulerBinaryDeadlineDetails.class)
                    .onFailure(new CappedBackoff<>(settings.retryInitial(), settings.retryMax()))
                    .execute((instance, execution) -> axons.execute(instance, execution));
    }
}
