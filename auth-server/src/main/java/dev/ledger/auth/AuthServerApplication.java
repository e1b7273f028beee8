package dev.ledger.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The ledger's own identity provider for run mode 1: machine clients exchange their id and secret for a signed JWT
 * access token (client-credentials grant), which the command and query sides verify against this server's keys.
 */
@SpringBootApplication
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
