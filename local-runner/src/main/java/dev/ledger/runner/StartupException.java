package dev.ledger.runner;

/** A failure with a message meant for the user; logged without a stack trace unless it has a cause. */
final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
