-- Split parts acknowledged but not yet reassembled (PNUM/PNO). A part's row is written with its raw packet, so a
-- restart between parts loses nothing acknowledged; the series' rows go in the transaction that stores its readings.
-- A working set, not a log: rows are deleted; the parts' bytes stay in raw_packets.
CREATE TABLE split_parts (
    station       TEXT    NOT NULL,
    system_code   TEXT    NOT NULL,
    command       TEXT    NOT NULL,
    packet_count  INTEGER NOT NULL,
    packet_number INTEGER NOT NULL,
    packet_id     INTEGER NOT NULL,        -- raw_packets.id of the part
    PRIMARY KEY (station, system_code, command, packet_count, packet_number)
) WITHOUT ROWID;

-- Rejected and quarantined packets (bad framing or CRC, unreadable, unknown MN, wrong password, DataTime out of
-- window): kept apart from raw_packets so that they can be deleted after a retention period, while accepted packets
-- stay append-only. Numbered in the same sequence as raw_packets. Indexed by station: rejects are rare in normal
-- operation, so the index costs nothing on the ingest path that matters.
CREATE TABLE rejected_packets (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,          -- Unix milliseconds, UTC
    remote      TEXT    NOT NULL,
    station     TEXT,                      -- a registered MN the packet names; NULL for invented or unreadable ones
    command     TEXT,
    verdict     INTEGER NOT NULL,          -- PacketVerdict: Quarantined or Rejected
    reason      TEXT,
    bytes       BLOB    NOT NULL
);
CREATE INDEX rejected_packets_by_station ON rejected_packets (station, id) WHERE station IS NOT NULL;
CREATE INDEX rejected_packets_by_time ON rejected_packets (received_at);

-- What was not kept: rejected bytes beyond a quota and refused connections, counted per UTC day and scope.
CREATE TABLE ingest_drops (
    day     INTEGER NOT NULL,              -- days since 1970-01-01, UTC
    scope   TEXT    NOT NULL,              -- connection, address, total (reject quotas); refused-total, refused-address (connection caps)
    packets INTEGER NOT NULL,              -- packets dropped, or connections refused
    bytes   INTEGER NOT NULL,
    PRIMARY KEY (day, scope)
) WITHOUT ROWID;
