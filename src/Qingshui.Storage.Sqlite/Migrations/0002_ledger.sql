-- Compensation ledgers: each agreement's events (accounts, confirmations, adjustments, decisions, settlements).
-- Append-only: a confirmed account is never edited, a correction is a new event.
CREATE TABLE ledger_events (
    id          INTEGER PRIMARY KEY,
    agreement   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,          -- Unix milliseconds, UTC
    body        TEXT    NOT NULL           -- the event's canonical JSON
);
CREATE INDEX ledger_events_by_agreement ON ledger_events (agreement, id);

CREATE TRIGGER ledger_events_no_update BEFORE UPDATE ON ledger_events
BEGIN SELECT RAISE(ABORT, 'ledger_events is append-only'); END;
CREATE TRIGGER ledger_events_no_delete BEFORE DELETE ON ledger_events
BEGIN SELECT RAISE(ABORT, 'ledger_events is append-only'); END;
