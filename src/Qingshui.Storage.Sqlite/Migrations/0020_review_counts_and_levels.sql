-- Per series and local day (in the reading's own offset, days since 1970-01-01): how many current readings, how many
-- valid, and how many still ask for review (invalid or flagged other than N, and not decided on: marks 64). The review
-- queue, completeness and station rates read these instead of the month's millions of readings. Kept by triggers, so
-- in the same transaction as whatever writes a reading: ingest, a retransmission's new revision, a reviewer's decision.
-- Keyed by day first, so a batch of one hour dirties the pages of one day, not one page per series.
CREATE TABLE reading_day_counts (
    day       INTEGER NOT NULL,
    series    INTEGER NOT NULL,
    readings  INTEGER NOT NULL,
    valid     INTEGER NOT NULL,
    to_review INTEGER NOT NULL,
    PRIMARY KEY (day, series)
) WITHOUT ROWID;

INSERT INTO reading_day_counts (day, series, readings, valid, to_review)
SELECT (period_start + utc_offset * 60000) / 86400000, series, COUNT(*), SUM(valid),
       SUM((valid = 0 OR (flag IS NOT NULL AND flag <> 'N')) AND (marks & 64) = 0)
FROM readings GROUP BY 1, 2;

CREATE TRIGGER readings_count_insert AFTER INSERT ON readings
BEGIN
    INSERT INTO reading_day_counts (day, series, readings, valid, to_review)
    VALUES ((new.period_start + new.utc_offset * 60000) / 86400000, new.series, 1, new.valid,
            (new.valid = 0 OR (new.flag IS NOT NULL AND new.flag <> 'N')) AND (new.marks & 64) = 0)
    ON CONFLICT (day, series) DO UPDATE SET readings = readings + 1, valid = valid + excluded.valid, to_review = to_review + excluded.to_review;
END;

-- A revision moves the reading's contribution from what it was to what it is (only when something counted changed).
CREATE TRIGGER readings_count_update AFTER UPDATE ON readings
WHEN old.valid IS NOT new.valid OR old.flag IS NOT new.flag OR old.marks IS NOT new.marks OR old.utc_offset IS NOT new.utc_offset
  OR old.period_start IS NOT new.period_start OR old.series IS NOT new.series
BEGIN
    UPDATE reading_day_counts SET readings = readings - 1, valid = valid - old.valid,
        to_review = to_review - ((old.valid = 0 OR (old.flag IS NOT NULL AND old.flag <> 'N')) AND (old.marks & 64) = 0)
    WHERE day = (old.period_start + old.utc_offset * 60000) / 86400000 AND series = old.series;
    INSERT INTO reading_day_counts (day, series, readings, valid, to_review)
    VALUES ((new.period_start + new.utc_offset * 60000) / 86400000, new.series, 1, new.valid,
            (new.valid = 0 OR (new.flag IS NOT NULL AND new.flag <> 'N')) AND (new.marks & 64) = 0)
    ON CONFLICT (day, series) DO UPDATE SET readings = readings + 1, valid = valid + excluded.valid, to_review = to_review + excluded.to_review;
END;

-- Review levels: each closing or reopening is taken at a level (1 the lowest); a closing at the last configured level
-- "completes" the month's review. Steps recorded before levels existed were at the one level there was, and completed it.
ALTER TABLE review_months ADD COLUMN level INTEGER NOT NULL DEFAULT 1;
ALTER TABLE review_months ADD COLUMN completes INTEGER NOT NULL DEFAULT 1;
