-- HJ 212-2025 device registration: data loggers that announced their hardware identity (1001) and wait for an operator
-- to assign them an MN. Kept here so that a restart and every other node see them; id is the order of first announcement.
CREATE TABLE pending_registrations (
    id           INTEGER PRIMARY KEY,
    logger_id    TEXT    NOT NULL UNIQUE,
    cpu_id       TEXT,
    mac1         TEXT,
    mac2         TEXT,
    announced_mn TEXT    NOT NULL,
    system_code  TEXT    NOT NULL,
    remote       TEXT    NOT NULL,
    node         TEXT    NOT NULL,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    assigned_mn  TEXT
);
