-- Commands sent to stations over their open connections (HJ 212 1061/1062 for tightened monitoring), with every answer,
-- and the real-time intervals remembered while a reference (an incident) keeps a station tightened. Times are Unix
-- milliseconds, UTC.
CREATE TABLE station_commands (
    id          INTEGER PRIMARY KEY,
    station     TEXT    NOT NULL,
    qn          TEXT    NOT NULL,                        -- '' when nothing was sent (not connected)
    cn          TEXT    NOT NULL,
    request     TEXT    NOT NULL,                        -- the data area sent, e.g. RtdInterval=60
    reference   TEXT    NOT NULL,
    sent_at     INTEGER NOT NULL,
    state       TEXT    NOT NULL,
    detail      TEXT,
    answered_at INTEGER
);
CREATE INDEX station_commands_by_station ON station_commands (station, id);

CREATE TABLE station_command_answers (
    command     INTEGER NOT NULL REFERENCES station_commands (id),
    seq         INTEGER NOT NULL,
    cn          TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (command, seq)
);

CREATE TABLE interval_holds (
    id               INTEGER PRIMARY KEY,
    station          TEXT    NOT NULL,
    reference        TEXT    NOT NULL,
    previous_seconds INTEGER NOT NULL,
    previous_source  TEXT    NOT NULL,                   -- station | held | default
    seconds          INTEGER NOT NULL,
    tightened_at     INTEGER NOT NULL,
    restore_asked_at INTEGER,                            -- a restore was asked and did not get through: retried when the station connects
    released_at      INTEGER
);
CREATE UNIQUE INDEX interval_holds_one_open ON interval_holds (station, reference) WHERE released_at IS NULL;
