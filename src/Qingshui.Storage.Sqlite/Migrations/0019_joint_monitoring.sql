-- Joint monitoring: discrepancies between the two stations of one section, and joint sampling events.
-- One discrepancy per station pair, item and period (day 2024-03-05 or month 2024-03): opening again changes nothing.
-- Times are ISO 8601 with offset; means are decimal text as computed (never rounded here).
CREATE TABLE joint_discrepancies (
    id              INTEGER PRIMARY KEY,
    section         TEXT NOT NULL,
    station_a       TEXT NOT NULL,
    station_b       TEXT NOT NULL,
    jurisdictions   TEXT NOT NULL,                      -- JSON array of jurisdiction ids
    item            TEXT NOT NULL,                      -- GB 3838 item id
    period_kind     TEXT NOT NULL,                      -- day, month
    period          TEXT NOT NULL,                      -- 2024-03-05 or 2024-03
    mean_a          TEXT NOT NULL,
    mean_b          TEXT NOT NULL,
    difference      TEXT NOT NULL,
    tolerance       TEXT NOT NULL,
    opened_at       TEXT NOT NULL,
    cause           TEXT,                               -- null while open
    cause_text      TEXT,
    closed_by       TEXT,
    closed_org      TEXT,
    closed_at       TEXT,
    UNIQUE (station_a, station_b, item, period_kind, period)
);
CREATE INDEX joint_discrepancies_by_section ON joint_discrepancies (section, id);

-- A sampling event with its samplers, split samples, attachment ids and results as JSON (read and written whole).
CREATE TABLE joint_sampling (
    id            INTEGER PRIMARY KEY,
    section       TEXT    NOT NULL,
    sampled_at    INTEGER NOT NULL,                     -- Unix milliseconds, UTC
    sampled_text  TEXT    NOT NULL,                     -- ISO 8601 with the offset given
    place         TEXT    NOT NULL,
    samplers      TEXT    NOT NULL,
    samples       TEXT    NOT NULL,
    results       TEXT    NOT NULL,
    attachments   TEXT    NOT NULL,
    note          TEXT    NOT NULL,
    created_by    TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);
CREATE INDEX joint_sampling_by_section ON joint_sampling (section, id);
