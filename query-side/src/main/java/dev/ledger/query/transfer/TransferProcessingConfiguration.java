package dev.ledger.query.transfer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the {@code transfers} processing group that properties cannot express. */
@Configuration(proxyBeanMethods = false)
class TransferProcessingConfiguration {

    /** Named in {@code axon.eventhandling.processors.transfers.sequencing-policy}. */
    @Bean(TransferSequencingPolicy.BEAN_NAME)
    TransferSequencingPolicy transferSequencingPolicy() {
        return new TransferSequencingPolicy();
    }
}
