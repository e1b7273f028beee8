package dev.ledger.command.transfer;

import dev.ledger.api.transfer.ExpireTransferReviewCommand;
import dev.ledger.command.directory.TransferDirectory;
import dev.ledger.command.directory.TransferDirectory.Unsettled;
import dev.ledger.command.screening.ScreeningProperties;
import dev.ledger.platform.security.PrincipalDispatchInterceptor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The backstop for transfers that have not ended (issue 10, defect 5). A transfer ends in its request's commit
 * unless it waits for a review, and a review ends by a decision or by its durable deadline; so a transfer still
 * unsettled past the review timeout plus a grace period has lost its deadline (a failed expiry whose retry was
 * rolled back with it, a deadline store restored from a backup) or comes from a history older than one-commit
 * transfers. Each sweep sends such a transfer the review's expiry again, which ends a review nobody decided and
 * changes nothing otherwise, and publishes how many are overdue ({@code ledger.transfers.overdue}); the ones it
 * cannot end stay in that gauge and in {@code GET /admin/transfers/unsettled} until someone looks.
 */
@Component
class UnsettledTransfers {

    static final String SWEEPER_PRINCIPAL = "ledger:sweeper";
    private static final Logger log = LoggerFactory.getLogger(UnsettledTransfers.class);

    private final TransferDirectory directory;
    private final CommandGateway commands;
    private final ScreeningProperties screening;
    private final TransferSettings settings;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong();

    @Autowired
    UnsettledTransfers(TransferDirectory directory, CommandGateway commands, ScreeningProperties screening,
                       TransferSettings settings, MeterRegistry meters) {
        this(directory, commands, screening, settings, meters, Clock.systemUTC());
    }

    UnsettledTransfers(TransferDirectory directory, CommandGateway commands, ScreeningProperties screening,
                       TransferSettings settings, MeterRegistry meters, Clock clock) {
        this.directory = directory;
        this.commands = commands;
        this.screening = screening;
        this.settings = settings;
        this.clock = clock;
        Gauge.builder("ledger.transfers.overdue", overdue, AtomicLong::get)
             .description("transfers not ended past the review timeout plus the grace period")
             .register(meters);
    }

    /** Transfers requested before {@code before} and not ended, oldest first. */
    List<Unsettled> requestedBefore(Instant before, int limit) {
        return directory.unsettledSince(before, limit);
    }

    /** Requested before this instant and not ended: overdue. */
    Instant overdueBefore() {
        return clock.instant().minus(screening.reviewTimeout()).minus(settings.overdueGrace());
    }

    @Scheduled(fixedDelayString = "${ledger.transfers.sweep-interval:60s}",
               initialDelayString = "${ledger.transfers.sweep-interval:60s}")
    void sweep() {
        Instant before = overdueBefore();
        overdue.set(directory.countUnsettledSince(before));
        for (Unsettled transfer : directory.unsettledSince(before, settings.sweepBatch())) {
            log.warn("transfer {} requested at {} has not ended; sending its review's expiry again",
                     transfer.transferId(), transfer.requestedAt());
            commands.send(GenericCommandMessage.asCommandMessage(new ExpireTransferReviewCommand(transfer.transferId()))
                                               .andMetaData(Map.of(PrincipalDispatchInterceptor.PRINCIPAL_KEY,
                                                                   SWEEPER_PRINCIPAL,
                                                                   PrincipalDispatchInterceptor.CLIENT_KEY,
                                                                   SWEEPER_PRINCIPAL)))
                    .exceptionally(failure -> {
                        log.warn("transfer {}: expiry from the sweep failed: {}", transfer.transferId(),
                                 failure.getMessage());
                        return null;
                    });
        }
    }
}
