package dev.ledger.query.processors;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the processor status, replays, health and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
class ProcessorsConfiguration {

    @Bean
    ProcessingFailures processingFailures() {
        return new ProcessingFailures(Clock.systemUTC());
    }

    /** Records failing batches of every processor (see {@link ProcessingFailures}). */
    @Bean
    ConfigurerModule processingFailuresModule(ProcessingFailures failures) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (config, processorName) -> failures.interceptorFor(processorName));
    }

    @Bean
    ProcessorMetrics eventProcessorLagMetrics(ProcessorStatusService status) {
        return new ProcessorMetrics(status);
    }
}
