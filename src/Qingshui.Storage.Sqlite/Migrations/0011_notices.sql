-- Notices posted for delivery (an alert raised, an incident opened…), the receivers each one is owed to, and every
-- attempt to deliver it. Times are Unix milliseconds, UTC. A receiver gets its notices in id order.
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    reference   TEXT    NOT NULL,
    title_zh    TEXT    NOT NULL,
    title_en    TEXT    NOT NULL,
    body_zh     TEXT    NOT NULL,
    body_en     TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    at_offset   INTEGER NOT NULL,                        -- minutes east of UTC of the event's time
    posted_at   INTEGER NOT NULL
);

-- Who a notice is for: one row per organisation, or one row '*' for every member.
CREATE TABLE notice_audience (
    organisation TEXT    NOT NULL,
    notice       INTEGER NOT NULL REFERENCES notices (id),
    PRIMARY KEY (organisation, notice)
) WITHOUT ROWID;

-- One row per receiver the notice is owed to. state: 0 pending, 1 delivered, 2 given up. attempts counts toward the
-- retry bound and starts again when someone asks for a retry; notice_attempts keeps them all.
CREATE TABLE notice_deliveries (
    notice       INTEGER NOT NULL REFERENCES notices (id),
    receiver     TEXT    NOT NULL,
    state        INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    last_attempt_at INTEGER,
    delivered_at INTEGER,
    PRIMARY KEY (notice, receiver)
) WITHOUT ROWID;
CREATE INDEX notice_deliveries_pending ON notice_deliveries (receiver, notice) WHERE state = 0;
CREATE INDEX notice_deliveries_undelivered ON notice_deliveries (notice) WHERE state <> 1;

CREATE TABLE notice_attempts (
    id          INTEGER PRIMARY KEY,
    notice      INTEGER NOT NULL REFERENCES notices (id),
    receiver    TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    delivered   INTEGER NOT NULL,
    status_code INTEGER,
    error       TEXT
);
CREATE INDEX notice_attempts_by_notice ON notice_attempts (notice, receiver, id);
