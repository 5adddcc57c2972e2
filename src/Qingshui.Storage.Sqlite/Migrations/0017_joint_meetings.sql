-- Joint work: attachments' metadata (content in files named by their SHA-256 under attachments/ next to the database),
-- joint meetings with their decisions and the ledger decisions taken there, receipts of shared records, and the
-- yearly meeting reminders sent. Dates are ISO yyyy-MM-dd; times are ISO 8601 with offset.
CREATE TABLE attachments (
    id           TEXT    PRIMARY KEY,                   -- lowercase hex SHA-256 of the content
    file_name    TEXT    NOT NULL,
    media_type   TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    uploaded_by  TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    uploaded_at  TEXT    NOT NULL
);

CREATE TABLE attachment_shares (
    attachment   TEXT NOT NULL REFERENCES attachments (id),
    organisation TEXT NOT NULL,
    PRIMARY KEY (attachment, organisation)
);

CREATE TABLE meetings (
    id                   INTEGER PRIMARY KEY,
    basin                TEXT NOT NULL,
    date                 TEXT NOT NULL,
    place                TEXT NOT NULL,
    convenor             TEXT NOT NULL,
    title                TEXT NOT NULL,
    attendees            TEXT NOT NULL,                 -- JSON array of {organisation, name, role}
    agenda               TEXT NOT NULL,                 -- JSON array of strings
    minutes              TEXT NOT NULL,
    attachments          TEXT NOT NULL,                 -- JSON array of attachment ids
    created_by           TEXT NOT NULL,
    created_organisation TEXT NOT NULL,
    created_at           TEXT NOT NULL
);
CREATE INDEX meetings_by_date ON meetings (basin, date, id);

CREATE TABLE meeting_decisions (
    id           INTEGER PRIMARY KEY,
    meeting      INTEGER NOT NULL REFERENCES meetings (id),
    text         TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    owner_person TEXT    NOT NULL,
    deadline     TEXT    NOT NULL,
    state        TEXT    NOT NULL,                      -- open, done, dropped
    follow_up    TEXT    NOT NULL,
    changed_by   TEXT    NOT NULL,
    changed_at   TEXT    NOT NULL
);
CREATE INDEX meeting_decisions_by_meeting ON meeting_decisions (meeting, id);
CREATE INDEX meeting_decisions_by_owner ON meeting_decisions (owner, deadline, id);

CREATE TABLE meeting_ledger_decisions (
    id           INTEGER PRIMARY KEY,
    meeting      INTEGER NOT NULL REFERENCES meetings (id),
    agreement    TEXT    NOT NULL,
    period       TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    decided_by   TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    decided_at   TEXT    NOT NULL
);
CREATE INDEX meeting_ledger_decisions_by_meeting ON meeting_ledger_decisions (meeting, id);

CREATE TABLE receipts (
    kind         TEXT NOT NULL,
    record       TEXT NOT NULL,
    organisation TEXT NOT NULL,
    delivered_at TEXT,
    opened_at    TEXT,
    opened_by    TEXT,
    PRIMARY KEY (kind, record, organisation)
);

CREATE TABLE meeting_reminders (
    basin   TEXT    NOT NULL,
    year    INTEGER NOT NULL,
    sent_at TEXT    NOT NULL,
    PRIMARY KEY (basin, year)
);
