package dev.ledger.query.processors;

import dev.ledger.platform.LedgerStorageProperties;
import dev.ledger.platform.tokens.TokenTable;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** This service's own token table, read by the freshness of answers and by the processor status. */
@Configuration(proxyBeanMethods = false)
class TokenTableConfiguration {

    @Bean
    TokenTable tokenTable(JdbcTemplate jdbc, TokenStore tokenStore, Serializer serializer,
                          LedgerStorageProperties storage) {
        // tokens must be read with the serializer that wrote them
        Serializer tokens = tokenStore instanceof JdbcTokenStore jdbcStore ? jdbcStore.serializer() : serializer;
        return new TokenTable(jdbc, tokens, storage.own("token_entry"));
    }
}
