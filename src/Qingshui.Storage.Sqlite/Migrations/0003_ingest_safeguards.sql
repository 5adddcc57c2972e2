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
