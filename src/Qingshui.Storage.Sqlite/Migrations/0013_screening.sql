-- Screening: the id of the rule that marked a reading as it was stored (null when none did). A suspect mark leaves
-- "valid" as it was; an invalid one is why "valid" is 0. Superseded revisions keep theirs.
ALTER TABLE readings ADD COLUMN screen_rule TEXT;
ALTER TABLE reading_revisions ADD COLUMN screen_rule TEXT;

DROP TRIGGER readings_keep_revision;
CREATE TRIGGER readings_keep_revision BEFORE UPDATE ON readings
BEGIN
    INSERT INTO reading_revisions (series, period_start, revision, utc_offset, value, unit, flag, valid, marks, minimum, maximum,
                                   packet_id, stored_at, superseded_at, screen_rule)
    VALUES (old.series, old.period_start, old.revision, old.utc_offset, old.value, old.unit, old.flag, old.valid, old.marks,
            old.minimum, old.maximum, old.packet_id, old.stored_at, new.stored_at, old.screen_rule);
END;
