package dev.ledger.auth.keys;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key set the authorization server signs with and publishes at {@code /oauth2/jwks} (public parts only). One
 * key, no rotation: rotating means publishing the next key before signing with it, which the identity provider of
 * a local run does not need. Deleting the key file starts afresh (tokens signed with the old key are then refused).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyProperties.class)
class SigningKeyConfiguration {

    @Bean
    JWKSource<SecurityContext> jwkSource(KeyProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKeyFile.loadOrCreate(properties.keyFile())));
    }
}
