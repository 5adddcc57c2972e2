-- River chiefs, patrols with their routes, patrol findings and enforcement cases across the boundary. Each row keeps
-- the record as written (body: JSON of the domain record) and, beside it, the columns lists filter and page on.
-- Days are 'yyyy-MM-dd' (China Standard Time), instants Unix milliseconds UTC. Sides are basin jurisdiction ids; a
-- list of sides is written ',a,b,' so one side matches with LIKE '%,side,%'.
CREATE TABLE river_chiefs (
    id        INTEGER PRIMARY KEY,
    reach     TEXT    NOT NULL,
    bank      TEXT    NOT NULL,
    side      TEXT    NOT NULL,
    level     TEXT    NOT NULL,
    term_from TEXT    NOT NULL,
    term_to   TEXT,
    body      TEXT    NOT NULL
);
CREATE INDEX river_chiefs_by_reach ON river_chiefs (reach, bank);

CREATE TABLE patrols (
    id           INTEGER PRIMARY KEY,
    day          TEXT    NOT NULL,
    reach        TEXT    NOT NULL,
    sides        TEXT    NOT NULL,
    route_points INTEGER NOT NULL DEFAULT 0,
    route        TEXT,                                  -- JSON [[lon,lat],…], NULL until uploaded
    body         TEXT    NOT NULL
);
CREATE INDEX patrols_by_day ON patrols (day);

CREATE TABLE patrol_findings (
    id          INTEGER PRIMARY KEY,
    patrol      INTEGER NOT NULL REFERENCES patrols (id),
    owner       TEXT    NOT NULL,
    owner_side  TEXT,
    deadline    TEXT,
    closed      INTEGER NOT NULL,
    recorded_on TEXT    NOT NULL,
    body        TEXT    NOT NULL
);
CREATE INDEX patrol_findings_by_patrol ON patrol_findings (patrol);
CREATE INDEX patrol_findings_open_by_deadline ON patrol_findings (deadline) WHERE closed = 0;

CREATE TABLE enforcement_cases (
    id           INTEGER PRIMARY KEY,
    parties      TEXT    NOT NULL,
    jurisdiction TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    referred     INTEGER NOT NULL,                      -- 1 while a referral awaits its answer
    opened_on    TEXT    NOT NULL,
    body         TEXT    NOT NULL
);
