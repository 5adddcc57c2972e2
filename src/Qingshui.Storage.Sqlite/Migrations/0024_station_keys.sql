-- HJ 212-2025 data-area keys (SM4), one row per station. Each key column holds the key sealed with the server's key
-- (ASP.NET Core Data Protection): a copy of this file alone does not reveal a station's key.
CREATE TABLE station_keys (
    mn TEXT PRIMARY KEY NOT NULL,
    current_key BLOB NOT NULL,
    previous_key BLOB,
    previous_until INTEGER,
    changed_at INTEGER NOT NULL
);

-- HJ 212-2025 is an edition of the register beside 2017 and 2005. SQLite cannot change a CHECK in place: the table is
-- rebuilt with the same columns, rows and order of registration (nothing refers to it by foreign key).
CREATE TABLE stations_2025 (
    seq         INTEGER PRIMARY KEY,
    mn          TEXT    NOT NULL UNIQUE,
    password    TEXT    NOT NULL,
    name_zh     TEXT    NOT NULL,
    name_en     TEXT    NOT NULL,
    section     TEXT    NOT NULL,
    operator    TEXT    NOT NULL,
    edition     TEXT    NOT NULL CHECK (edition IN ('2025', '2017', '2005')),
    crc         TEXT    NOT NULL CHECK (crc IN ('strict', 'accept-modbus', 'no-check')),
    utc_offset  INTEGER NOT NULL,
    parameters  TEXT    NOT NULL,
    units       TEXT    NOT NULL
);
INSERT INTO stations_2025 (seq, mn, password, name_zh, name_en, section, operator, edition, crc, utc_offset, parameters, units)
    SELECT seq, mn, password, name_zh, name_en, section, operator, edition, crc, utc_offset, parameters, units FROM stations;
DROP TABLE stations;
ALTER TABLE stations_2025 RENAME TO stations;
