-- Raw packets: every byte sequence received on an HJ 212 link, with its verdict. Append-only.
-- A station's packets are chained newest to oldest through "previous" instead of indexed by station: an index led by
-- station would dirty one page per station on every commit, which is what limits ingest of many stations at once.
CREATE TABLE raw_packets (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,          -- Unix milliseconds, UTC
    remote      TEXT    NOT NULL,
    station     TEXT,                      -- MN claimed by the packet, when readable
    command     TEXT,                      -- CN, when readable
    verdict     INTEGER NOT NULL,          -- PacketVerdict
    reason      TEXT,
    bytes       BLOB    NOT NULL,
    previous    INTEGER                    -- the same station's packet before this one ('' for bytes no station claimed)
);

-- Per station: its newest packet (the head of its chain) and counts by verdict.
CREATE TABLE station_log (
    station       TEXT    PRIMARY KEY,     -- MN, or '' for bytes no station claimed
    last_packet   INTEGER NOT NULL,
    last_received INTEGER NOT NULL,
    accepted      INTEGER NOT NULL,
    rejected      INTEGER NOT NULL,
    quarantined   INTEGER NOT NULL,
    other         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER raw_packets_no_update BEFORE UPDATE ON raw_packets
BEGIN SELECT RAISE(ABORT, 'raw_packets is append-only'); END;
CREATE TRIGGER raw_packets_no_delete BEFORE DELETE ON raw_packets
BEGIN SELECT RAISE(ABORT, 'raw_packets is append-only'); END;

-- A series is one station's one parameter of one kind; readings refer to it by number.
CREATE TABLE series (
    id        INTEGER PRIMARY KEY,
    station   TEXT    NOT NULL,
    parameter TEXT    NOT NULL,
    kind      INTEGER NOT NULL,            -- ReadingKind
    UNIQUE (station, parameter, kind)
);

-- Current readings, one row per series and period start. Rows are clustered by the hour they belong to
-- (bucket = period_start / 3,600,000), so the rows a batch writes share pages: clustering by series instead would
-- dirty one page per series per commit and slow ingest down as the table grows. A series' time range is read with
-- one seek per hour bucket.
CREATE TABLE readings (
    bucket       INTEGER NOT NULL,
    series       INTEGER NOT NULL REFERENCES series (id),
    period_start INTEGER NOT NULL,         -- Unix milliseconds, UTC
    utc_offset   INTEGER NOT NULL,         -- the station's offset in minutes, to give times back as sent
    value        REAL    NOT NULL,         -- as received, unrounded
    unit         TEXT    NOT NULL,
    flag         TEXT,
    valid        INTEGER NOT NULL,
    marks        INTEGER NOT NULL,         -- ReadingMarks
    minimum      REAL,
    maximum      REAL,
    packet_id    INTEGER,                  -- raw_packets.id
    revision     INTEGER NOT NULL DEFAULT 0,
    stored_at    INTEGER NOT NULL,
    PRIMARY KEY (bucket, series, period_start)
) WITHOUT ROWID;

-- Superseded revisions: a changed value for the same key is kept here, never lost.
CREATE TABLE reading_revisions (
    series        INTEGER NOT NULL,
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
    PRIMARY KEY (series, period_start, revision)
) WITHOUT ROWID;

CREATE TRIGGER readings_keep_revision BEFORE UPDATE ON readings
BEGIN
    INSERT INTO reading_revisions (series, period_start, revision, utc_offset, value, unit, flag, valid, marks, minimum, maximum,
                                   packet_id, stored_at, superseded_at)
    VALUES (old.series, old.period_start, old.revision, old.utc_offset, old.value, old.unit, old.flag, old.valid, old.marks,
            old.minimum, old.maximum, old.packet_id, old.stored_at, new.stored_at);
END;
CREATE TRIGGER readings_no_delete BEFORE DELETE ON readings
BEGIN SELECT RAISE(ABORT, 'readings are revised, never deleted'); END;
