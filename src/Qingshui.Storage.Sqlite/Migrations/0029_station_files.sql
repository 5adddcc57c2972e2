-- Files stations send over HJ 212 (2025: raw monitoring data 2013 such as spectra, multimedia files). The content is an
-- attachment (attachments/ab/abcdef…, named by its SHA-256); this is its metadata. Times as Unix milliseconds, the
-- data time's offset in minutes. One row per transfer: a logger sending the same transfer again (station, CN, QN) is one file.
CREATE TABLE station_files (
    id            INTEGER PRIMARY KEY,
    station_id    TEXT    NOT NULL,
    command       TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    request_id    TEXT    NOT NULL,
    received_at   INTEGER NOT NULL,
    data_time     INTEGER,
    utc_offset    INTEGER,
    attachment_id TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    media_type    TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    fields        TEXT    NOT NULL,
    parts         INTEGER NOT NULL,
    UNIQUE (station_id, command, request_id)
);

CREATE INDEX station_files_by_station ON station_files (station_id, id);
CREATE INDEX station_files_by_day ON station_files (station_id, received_at);
