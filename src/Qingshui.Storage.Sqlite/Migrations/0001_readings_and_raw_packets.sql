-- Raw packets: every byte sequence received on an HJ 212 link, with its verdict. Append-only.
CREATE TABLE raw_packets (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,          -- Unix milliseconds, UTC
    remote      TEXT    NOT NULL,
    station     TEXT,                      -- MN claimed by the packet, when readable
    command     TEXT,                      -- CN, when readable
    verdict     INTEGER NOT NULL,          -- PacketVerdict
    reason      TEXT,
    bytes       BLOB    NOT NULL
);
CREATE INDEX raw_packets_by_station ON raw_packets (station, id);

CREATE TRIGGER raw_packets_no_update BEFORE UPDATE ON raw_packets
BEGIN SELECT RAISE(ABORT, 'raw_packets is append-only'); END;
CREATE TRIGGER raw_packets_no_delete BEFORE DELETE ON raw_packets
BEGIN SELECT RAISE(ABORT, 'raw_packets is append-only'); END;

-- Current readings, one row per station, parameter, kind and period start.
CREATE TABLE readings (
    station      TEXT    NOT NULL,
    parameter    TEXT    NOT NULL,
    kind         INTEGER NOT NULL,         -- ReadingKind
    period_start INTEGER NOT NULL,         -- Unix milliseconds, UTC
    utc_offset   INTEGER NOT NULL,         -- the station's offset in minutes, to give times back as sent
    value        REAL    NOT NULL,         -- as received, unrounded
    unit         TEXT    NOT NULL,
    flag         TEXT,
    valid        INTEGER NOT NULL,
    marks        INTEGER NOT NULL,         -- ReadingMarks
    minimum      REAL,
    maximum      REAL,
    packet_id    INTEGER REFERENCES raw_packets (id),
    revision     INTEGER NOT NULL DEFAULT 0,
    stored_at    INTEGER NOT NULL,
    PRIMARY KEY (station, parameter, kind, period_start)
) WITHOUT ROWID;

-- Superseded revisions: a changed value for the same key is kept here, never lost.
CREATE TABLE reading_revisions (
    station       TEXT    NOT NULL,
    parameter     TEXT    NOT NULL,
    kind          INTEGER NOT NULL,
    period_start  INTEGER NOT NULL,
    revision      INTEGER NOT NULL,
    utc_offset    INTEGER NOT NULL,
    value         REAL    NOT NULL,
    unit          TEXT    NOT NULL,
    flag          TEXT,
    valid         INTEGER NOT NULL,
    marks         INTEGER NOT NULL,
    minimum       REAL,
    maximum       REAL,
    packet_id     INTEGER,
    stored_at     INTEGER NOT NULL,
    superseded_at INTEGER NOT NULL,
    PRIMARY KEY (station, parameter, kind, period_start, revision)
) WITHOUT ROWID;

CREATE TRIGGER readings_keep_revision BEFORE UPDATE ON readings
BEGIN
    INSERT INTO reading_revisions (station, parameter, kind, period_start, revision, utc_offset, value, unit, flag, valid, marks,
                                   minimum, maximum, packet_id, stored_at, superseded_at)
    VALUES (old.station, old.parameter, old.kind, old.period_start, old.revision, old.utc_offset, old.value, old.unit, old.flag,
            old.valid, old.marks, old.minimum, old.maximum, old.packet_id, old.stored_at, new.stored_at);
END;
CREATE TRIGGER readings_no_delete BEFORE DELETE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are revised, never deleted'); END;
