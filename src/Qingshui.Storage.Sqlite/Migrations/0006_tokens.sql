-- Bearer API tokens. secret_hash is the SHA-256 of the token's 256-bit random secret; the secret itself is never stored.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    organisation TEXT    NOT NULL REFERENCES organisations (id),
    roles        TEXT    NOT NULL,                       -- role words, comma-separated (viewer, operator, ...)
    name         TEXT    NOT NULL,
    created      INTEGER NOT NULL,                       -- Unix milliseconds, UTC
    expires      INTEGER NOT NULL,                       -- Unix milliseconds, UTC
    revoked      INTEGER,                                -- Unix milliseconds, UTC; NULL while not revoked
    secret_hash  BLOB    NOT NULL CHECK (length(secret_hash) = 32)
) WITHOUT ROWID;
