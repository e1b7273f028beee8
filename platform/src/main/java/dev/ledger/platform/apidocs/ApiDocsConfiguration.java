package dev.ledger.platform.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.platform.security.AccessRules;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/** The API description's shared parts; each service adds its own mechanics' customizers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class ApiDocsConfiguration {

    @Bean
    public OperationCustomizer ledgerDeclaredRefusals() {
        return new DeclaredRefusals();
    }

    @Bean
    public OpenApiCustomizer ledgerApiDescription(ApiDocsProperties properties, ObjectProvider<AccessRules> rules,
                                                  ResourcePatternResolver resources, ObjectMapper json) {
        List<AccessRules> ordered = rules.orderedStream().toList();
        return new LedgerApiDescription(properties, ordered, ExampleFiles.load(resources, json));
    }
}
