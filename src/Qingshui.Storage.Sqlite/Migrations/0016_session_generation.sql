-- Disabling a user ends its sessions for good: the generation goes up when an account is disabled, and the session
-- cookie's stamp is made from the password hash and the generation, so enabling the account again does not revive
-- cookies saved before it was disabled.
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
