/**
 * The embedded authorization server: who may ask for a token ({@code clients}), what a token says
 * ({@code tokens}), the key that signs it ({@code keys}) and the HTTP endpoints that serve all three
 * ({@code endpoints}).
 */
package dev.ledger.auth;
