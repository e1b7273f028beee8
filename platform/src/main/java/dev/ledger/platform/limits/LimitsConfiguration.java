package dev.ledger.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The limits' filters, in this order among the servlet filters of both services:
 * <ol>
 *     <li>{@link #BODY_SIZE_ORDER} and {@link #JSON_BODY_ORDER}: right after the correlation id
 *     ({@code HIGHEST_PRECEDENCE}) and Spring's observation filter ({@code +1}), so that a refusal carries a
 *     correlation id and is counted in {@code http.server.requests}; before anything reads a body (the command
 *     side's backpressure, +5, and its idempotency filter). They need no caller, only headers.</li>
 *     <li>{@link #RATE_ORDER}: after Spring Security's filter chain, which Spring Boot registers at
 *     {@code SecurityProperties.DEFAULT_FILTER_ORDER} (-100) and which fills in the principal the rate is kept per.
 *     Before it, every caller would look anonymous.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
public class LimitsConfiguration {

    public static final int BODY_SIZE_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
    public static final int JSON_BODY_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;
    /** Spring Security's -100 plus 10: what needs the caller and must not run for a refused one goes after. */
    public static final int RATE_ORDER = -90;

    @Bean
    public LimitRejections limitRejections(ObjectProvider<MeterRegistry> registry) {
        // a service without a registry (a test slice) still counts, just nowhere anyone reads
        return new LimitRejections(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public CallerBuckets callerBuckets(LimitsProperties limits) {
        return new CallerBuckets(limits.rate());
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(LimitsProperties limits,
                                                                          LimitRejections rejections,
                                                                          ObjectMapper json) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(limits.maxBodyBytes(), rejections, json));
        registration.setOrder(BODY_SIZE_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonBodyFilter> jsonBodyFilter(LimitRejections rejections, ObjectMapper json) {
        FilterRegistrationBean<JsonBodyFilter> registration =
                new FilterRegistrationBean<>(new JsonBodyFilter(rejections, json));
        registration.setOrder(JSON_BODY_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(LimitsProperties limits, CallerBuckets buckets,
                                                            LimitRejections rejections, ObjectMapper json) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(buckets, rejections, json));
        registration.setOrder(RATE_ORDER);
        registration.setEnabled(limits.rate().enabled());
        return registration;
    }
}
