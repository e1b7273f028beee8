-- Reconciliation runs: the event store recomputed and compared with the read models (see ReconciliationService).
-- One row per run; counts are filled in when the run ends, heartbeat_at and events_read while it runs.
CREATE TABLE reconciliation_run (
    run_id           VARCHAR(64)  PRIMARY KEY,
    triggered_by     VARCHAR(16)  NOT NULL,          -- MANUAL (POST /admin/reconciliation) or SCHEDULED
    status           VARCHAR(16)  NOT NULL,          -- RUNNING, COMPLETED, FAILED
    repair           BOOLEAN      NOT NULL,          -- whether the run was asked to repair what it finds
    currency         CHAR(3),                        -- the run's scope; NULL = every currency
    started_at       TIMESTAMPTZ  NOT NULL,
    heartbeat_at     TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    head_position    BIGINT,                         -- event-store position the run reconciled against
    events_read      BIGINT       NOT NULL DEFAULT 0,
    accounts_checked BIGINT       NOT NULL DEFAULT 0,
    transfers_checked BIGINT      NOT NULL DEFAULT 0,
    divergences      INTEGER      NOT NULL DEFAULT 0, -- all found, also beyond what reconciliation_divergence keeps
    in_flight        INTEGER      NOT NULL DEFAULT 0, -- rows/entries behind because the projection was still busy
    repaired         BOOLEAN      NOT NULL DEFAULT FALSE, -- at least one divergence was repaired
    repaired_count   INTEGER      NOT NULL DEFAULT 0,
    error            TEXT
);
-- At most one run in progress in the whole deployment (every query-side node shares this table); a node that
-- dies mid-run leaves a RUNNING row whose heartbeat goes stale, and the next start marks it FAILED.
CREATE UNIQUE INDEX reconciliation_run_one_running ON reconciliation_run (status) WHERE status = 'RUNNING';
CREATE INDEX reconciliation_run_started_idx ON reconciliation_run (started_at DESC, run_id DESC);

-- What a run found. Money, versions and sums are decimal strings in expected/actual, statuses their names.
-- kind IN_FLIGHT is informational (a row still behind because its projection was busy), not a divergence.
CREATE TABLE reconciliation_divergence (
    run_id        VARCHAR(64)  NOT NULL REFERENCES reconciliation_run (run_id) ON DELETE CASCADE,
    divergence_no INTEGER      NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    account_id    VARCHAR(64),
    transfer_id   VARCHAR(64),
    currency      CHAR(3),
    expected      TEXT,
    actual        TEXT,
    detail        TEXT,
    repaired      BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (run_id, divergence_no)
);
