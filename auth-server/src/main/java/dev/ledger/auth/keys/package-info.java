/** The RSA key that signs access tokens, kept in a file so that tokens stay valid across restarts. */
package dev.ledger.auth.keys;
