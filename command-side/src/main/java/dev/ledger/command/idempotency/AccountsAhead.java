package dev.ledger.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.command.locking.AggregateLocks;
import dev.ledger.command.locking.LocksAccounts;
import dev.ledger.command.web.ResolvedHandler;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;

/**
 * Takes the locks of the accounts a command request names ({@link LocksAccounts}) before its transaction begins, so
 * waiting for a busy account holds no pooled connection; Axon takes the same locks again inside the transaction,
 * at once (they are reentrant), and holds them until it commits.
 * <p>
 * Off when commands are handled on other threads than the request's (Axon Server routes them): such a handler
 * cannot re-enter the request thread's lock and would wait for it until the deadline.
 */
final class AccountsAhead {

    private static final Lock NONE = new Lock() {
        @Override
        public void release() {
        }

        @Override
        public boolean isHeld() {
            return true;
        }
    };

    private final AggregateLocks locks;
    private final ObjectMapper json;

    /** @param locks the accounts' locks, or {@code null} to take none ahead */
    AccountsAhead(AggregateLocks locks, ObjectMapper json) {
        this.locks = locks;
        this.json = json;
    }

    /**
     * @throws LockAcquisitionFailedException if an account stays locked past the deadline
     */
    Lock acquire(ResolvedHandler handler, byte[] body, long deadlineNanos) {
        if (locks == null) {
            return NONE;
        }
        Set<String> accounts = accountsOf(handler, body);
        return accounts.isEmpty() ? NONE : locks.acquireAll(accounts, deadlineNanos);
    }

    private Set<String> accountsOf(ResolvedHandler handler, byte[] body) {
        Set<String> accounts = new LinkedHashSet<>();
        String[] names = handler.annotation(LocksAccounts.class).map(LocksAccounts::value).orElse(new String[0]);
        JsonNode fields = null;
        for (String name : names) {
            String value = handler.variables().get(name);
            if (value == null) {
                fields = fields != null ? fields : read(body);
                JsonNode field = fields.path(name);
                value = field.isTextual() ? field.asText() : null;
            }
            if (value != null) {
                accounts.add(value);
            }
        }
        return accounts;
    }

    /** A body that is not a JSON object names no account: the request will be refused as malformed anyway. */
    private JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? json.missingNode() : json.readTree(body);
        } catch (IOException malformed) {
            return json.missingNode();
        }
    }
}
