-- Alerts raised by the rules as readings commit. At most one open alert per (rule, station, parameter): the evaluator's
-- de-duplication, kept by the database too. Times are Unix milliseconds, UTC; evidence is a JSON array of the triggering values.
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    rule        TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    severity    INTEGER NOT NULL,
    section     TEXT,
    station     TEXT    NOT NULL,
    parameter   TEXT    NOT NULL,                        -- '' for a station-wide alert (silence)
    raised_at   INTEGER NOT NULL,
    raised_offset INTEGER NOT NULL,                      -- minutes east of UTC of the raising value's time
    cleared_at  INTEGER,
    evidence    TEXT    NOT NULL,
    reason      TEXT    NOT NULL
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (rule, station, parameter) WHERE cleared_at IS NULL;
CREATE INDEX alerts_by_station ON alerts (station, id);
CREATE INDEX alerts_by_section ON alerts (section, id);
