-- The audit log: every write and every refused attempt, hash-chained (see Qingshui.Domain.Audit.AuditChain).
-- Append-only: the triggers refuse UPDATE and DELETE, so the store itself never rewrites an entry; whoever edits the
-- file around them breaks the chain, which `qingshui audit verify` finds.
CREATE TABLE audit_log (
    sequence      INTEGER PRIMARY KEY,      -- 1, 2, 3 …: no gaps, no two alike
    at            INTEGER NOT NULL,         -- Unix milliseconds, UTC
    actor         TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    target        TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,         -- done | refused
    reason        TEXT,
    before        TEXT,
    after         TEXT,
    remote        TEXT,
    previous_hash TEXT    NOT NULL,
    hash          TEXT    NOT NULL
);
CREATE INDEX audit_log_by_organisation ON audit_log (organisation, sequence);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
