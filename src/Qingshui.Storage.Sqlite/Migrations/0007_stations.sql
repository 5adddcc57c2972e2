-- The station register: every station that may connect. Seeded from the basin file when a station is absent; afterwards
-- this table is the truth (changes over the web land here). password is the HJ 212 access password as given: the
-- protocol compares it in clear. No read of the HTTP API returns it.
CREATE TABLE stations (
    seq         INTEGER PRIMARY KEY,                      -- order of registration
    mn          TEXT    NOT NULL UNIQUE,
    password    TEXT    NOT NULL,
    name_zh     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    section     TEXT    NOT NULL,
    operator    TEXT    NOT NULL,                         -- the basin's jurisdiction id that runs it
    edition     TEXT    NOT NULL CHECK (edition IN ('2017', '2005')),
    crc         TEXT    NOT NULL CHECK (crc IN ('strict', 'accept-modbus', 'no-check')),
    utc_offset  INTEGER NOT NULL,                         -- minutes east of UTC
    parameters  TEXT    NOT NULL,                         -- HJ 212-2017 codes, comma-separated
    units       TEXT    NOT NULL                          -- code=unit symbol pairs, ';'-separated, for units differing from a code's default
);
