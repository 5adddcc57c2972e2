-- Reviewers' decisions: each revised the current readings of one station's parameter (every kind) over [from_at, to_at);
-- the readings' earlier revisions are kept by readings_keep_revision, stored at decided_at. Append-only.
CREATE TABLE review_decisions (
    id           INTEGER PRIMARY KEY,
    station      TEXT    NOT NULL,
    parameter    TEXT    NOT NULL,
    from_at      INTEGER NOT NULL,         -- Unix milliseconds, UTC, inclusive
    to_at        INTEGER NOT NULL,         -- exclusive
    utc_offset   INTEGER NOT NULL,         -- minutes, to give the range back as entered
    action       TEXT    NOT NULL,         -- confirm | invalidate | correct
    value        TEXT,                     -- the corrected value as entered (decimal text)
    reason       TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    by_user      TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    decided_at   INTEGER NOT NULL,
    readings     INTEGER NOT NULL          -- how many readings it revised
);
CREATE INDEX review_decisions_by_station ON review_decisions (station, from_at);

-- Closings and reopenings of station-months ('2024-03'); the last step gives the state. Append-only.
CREATE TABLE review_months (
    id           INTEGER PRIMARY KEY,
    station      TEXT    NOT NULL,
    month        TEXT    NOT NULL,
    closed       INTEGER NOT NULL,         -- 1 closed, 0 reopened
    by_user      TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    reason       TEXT    NOT NULL
);
CREATE INDEX review_months_by_month ON review_months (month, station, id);

CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
BEGIN SELECT RAISE(ABORT, 'review_decisions is append-only'); END;
CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
BEGIN SELECT RAISE(ABORT, 'review_decisions is append-only'); END;
CREATE TRIGGER review_months_no_update BEFORE UPDATE ON review_months
BEGIN SELECT RAISE(ABORT, 'review_months is append-only'); END;
CREATE TRIGGER review_months_no_delete BEFORE DELETE ON review_months
BEGIN SELECT RAISE(ABORT, 'review_months is append-only'); END;

-- A party's consent to settle a year although some of its months are not closed by review. Append-only.
CREATE TABLE review_consents (
    id           INTEGER PRIMARY KEY,
    agreement    TEXT    NOT NULL,
    year         INTEGER NOT NULL,
    party        TEXT    NOT NULL,
    by_user      TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    reason       TEXT    NOT NULL,
    UNIQUE (agreement, year, party)
);
CREATE TRIGGER review_consents_no_update BEFORE UPDATE ON review_consents
BEGIN SELECT RAISE(ABORT, 'review_consents is append-only'); END;
CREATE TRIGGER review_consents_no_delete BEFORE DELETE ON review_consents
BEGIN SELECT RAISE(ABORT, 'review_consents is append-only'); END;
