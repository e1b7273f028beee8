/** The HTTP face: the OAuth 2.0 / OpenID Connect endpoints, anonymous health, and the issuer they all name. */
package dev.ledger.auth.endpoints;
