-- Incidents opened by alerts of boundary or upstream sections, with their evidence, timeline, response actions and the
-- commands sent to stations for them. At most one open incident per section: later alerts of the section join it.
-- opened_at is Unix milliseconds, UTC (with the first alert's offset in minutes); other times are ISO 8601 with offset.
CREATE TABLE incidents (
    id            INTEGER PRIMARY KEY,
    section       TEXT    NOT NULL,
    severity      INTEGER NOT NULL,
    status        TEXT    NOT NULL,                     -- raised, notified, acknowledged, responding, closed
    opened_at     INTEGER NOT NULL,
    opened_offset INTEGER NOT NULL,
    jurisdictions TEXT    NOT NULL,                     -- JSON array of jurisdiction ids
    stations      TEXT    NOT NULL,                     -- JSON array of MNs
    downstream    TEXT    NOT NULL                      -- JSON array: sections below with arrival estimates, as computed at opening
);
CREATE UNIQUE INDEX incidents_one_open ON incidents (section) WHERE status <> 'closed';
CREATE INDEX incidents_by_status ON incidents (status, id);

CREATE TABLE incident_alerts (
    incident INTEGER NOT NULL REFERENCES incidents (id),
    alert    INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (incident, alert)
);

CREATE TABLE incident_steps (
    id           INTEGER PRIMARY KEY,
    incident     INTEGER NOT NULL REFERENCES incidents (id),
    kind         TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    note         TEXT    NOT NULL
);
CREATE INDEX incident_steps_by_incident ON incident_steps (incident, id);

CREATE TABLE incident_actions (
    id           INTEGER PRIMARY KEY,
    incident     INTEGER NOT NULL REFERENCES incidents (id),
    kind         TEXT    NOT NULL,
    actor        TEXT    NOT NULL,
    organisation TEXT    NOT NULL,
    at           TEXT    NOT NULL,
    note         TEXT    NOT NULL
);
CREATE INDEX incident_actions_by_incident ON incident_actions (incident, id);

CREATE TABLE incident_commands (
    id          INTEGER PRIMARY KEY,
    action      INTEGER NOT NULL REFERENCES incident_actions (id),
    device      TEXT    NOT NULL,
    purpose     TEXT    NOT NULL,                       -- tighten, restore
    request_id  TEXT    NOT NULL,                       -- the command's QN; '' when nothing was sent
    state       TEXT    NOT NULL,
    detail      TEXT,
    sent_at     TEXT    NOT NULL,
    answered_at TEXT
);
CREATE INDEX incident_commands_by_action ON incident_commands (action, id);
