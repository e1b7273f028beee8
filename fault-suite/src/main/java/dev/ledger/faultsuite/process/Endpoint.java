package dev.ledger.faultsuite.process;

import java.net.URI;

/** Where a client reaches one service instance: its name in the history ({@code command-a}) and its base URI. */
public record Endpoint(String name, URI base) {

    public URI resolve(String path) {
        return URI.create(base + path);
    }
}
