package dev.ledger.query.account;

import dev.ledger.api.query.AccountView;
import dev.ledger.query.metadata.MetadataJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.Instant;

/** Row of the {@code account-summary} read model. Written only through {@link AccountSummaryRepository}'s guarded updates. */
@Entity
@Table(name = "account_summary")
class AccountSummary {

    @Id
    @Column(name = "account_id")
    private String accountId;
    private String kind;
    @Column(columnDefinition = "bpchar")
    private String currency;
    /** NUMERIC: a system row sums the postings of a whole currency (V7); a customer's is always a long. */
    private BigInteger balance;
    private long held;
    @Column(name = "overdraft_limit")
    private long overdraftLimit;
    private String status;
    @Column(name = "owner_ref")
    private String ownerRef;
    private String owner;
    private long version;
    @Column(name = "updated_at")
    private Instant updatedAt;
    // read as text; written only by native statements that cast to jsonb
    @Column(columnDefinition = "jsonb", insertable = false, updatable = false)
    private String metadata;

    protected AccountSummary() {
    }

    /** Whether a caller restricted to {@code visibleOwner}'s accounts ({@code null}: unrestricted) may see it. */
    boolean visibleTo(String visibleOwner) {
        return visibleOwner == null || visibleOwner.equals(owner);
    }

    AccountView toView() {
        BigInteger available = balance.add(BigInteger.valueOf(overdraftLimit)).subtract(BigInteger.valueOf(held));
        return new AccountView(accountId, kind, currency, balance, held, available, overdraftLimit, status, ownerRef,
                               owner, version, updatedAt, MetadataJson.fromJson(metadata));
    }
}
