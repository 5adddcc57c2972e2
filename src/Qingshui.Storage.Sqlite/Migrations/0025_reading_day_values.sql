-- Per series of hourly, daily and four-hourly values (kinds 3, 4, 5) and UTC day (period_start / 86,400,000,
-- truncated): the day's values packed in one text, so that a month of one series is read as some 31 rows instead of
-- 744 (the charts' section-month, the class calendar). Real-time and minute series are not packed: their days are
-- thousands of values long, and their readers never read whole months.
--
-- entries is a log: one "ms,offset,valid,unit,value;" per value written, appended in the order of writing (ms: from
-- the start of the UTC day; offset: utc_offset in minutes; value: quote() of the REAL, which round-trips exactly). A
-- revision appends the new content, so the last entry of a period start is the current reading; readers sort and
-- keep that one. Kept by triggers, like reading_day_counts, so in the same transaction as whatever writes a reading:
-- ingest, a late upload, a retransmission's new revision, a reviewer's decision. Keyed by day first, so a batch of one
-- hour rewrites the rows of one day, not rows scattered over the table.
CREATE TABLE reading_day_values (
    day     INTEGER NOT NULL,
    series  INTEGER NOT NULL,
    entries TEXT    NOT NULL,
    PRIMARY KEY (day, series)
) WITHOUT ROWID;

-- Stores that had readings before this migration get their rows here (the demo's two years: a few seconds).
INSERT INTO reading_day_values (day, series, entries)
SELECT r.period_start / 86400000, r.series,
       group_concat((r.period_start - (r.period_start / 86400000) * 86400000) || ',' || r.utc_offset || ',' || r.valid || ','
                    || r.unit || ',' || quote(r.value) || ';', '')
FROM readings r JOIN series s ON s.id = r.series
WHERE s.kind IN (3, 4, 5)
GROUP BY 1, 2;

CREATE TRIGGER readings_values_insert AFTER INSERT ON readings
WHEN (SELECT kind FROM series WHERE id = new.series) IN (3, 4, 5)
BEGIN
    INSERT INTO reading_day_values (day, series, entries)
    VALUES (new.period_start / 86400000, new.series,
            (new.period_start - (new.period_start / 86400000) * 86400000) || ',' || new.utc_offset || ',' || new.valid || ','
            || new.unit || ',' || quote(new.value) || ';')
    ON CONFLICT (day, series) DO UPDATE SET entries = entries || excluded.entries;
END;

-- Only when something a reader takes changed (a review's marks or a new packet id alone append nothing).
CREATE TRIGGER readings_values_update AFTER UPDATE ON readings
WHEN (old.value IS NOT new.value OR old.valid IS NOT new.valid OR old.unit IS NOT new.unit OR old.utc_offset IS NOT new.utc_offset)
  AND (SELECT kind FROM series WHERE id = new.series) IN (3, 4, 5)
BEGIN
    INSERT INTO reading_day_values (day, series, entries)
    VALUES (new.period_start / 86400000, new.series,
            (new.period_start - (new.period_start / 86400000) * 86400000) || ',' || new.utc_offset || ',' || new.valid || ','
            || new.unit || ',' || quote(new.value) || ';')
    ON CONFLICT (day, series) DO UPDATE SET entries = entries || excluded.entries;
END;
