-- Organisations and user accounts. Roles are a closed set in code; user_roles holds their words (viewer, operator, ...).
CREATE TABLE organisations (
    id           TEXT PRIMARY KEY,
    name_zh      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('jurisdiction', 'joint-office', 'observer')),
    jurisdiction TEXT,                                    -- the basin's jurisdiction id, for kind 'jurisdiction' only
    CHECK ((kind = 'jurisdiction') = (jurisdiction IS NOT NULL))
) WITHOUT ROWID;

-- password_hash is ASP.NET Core Identity's PasswordHasher format (PBKDF2 with salt and iteration count inside); never a password.
CREATE TABLE users (
    name            TEXT PRIMARY KEY,
    display_name    TEXT    NOT NULL,
    organisation    TEXT    NOT NULL REFERENCES organisations (id),
    password_hash   TEXT    NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    INTEGER                              -- Unix milliseconds, UTC; NULL when not locked
) WITHOUT ROWID;

CREATE TABLE user_roles (
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'reviewer', 'finance', 'coordinator', 'admin')),
    PRIMARY KEY (user_name, role)
) WITHOUT ROWID;
