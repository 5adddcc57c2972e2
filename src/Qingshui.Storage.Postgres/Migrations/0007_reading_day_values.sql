-- The packed days of hourly, daily and four-hourly series: the PostgreSQL twin of SQLite's migration 0025, the same
-- table and columns (a copy moves rows between them). Per series of kind 3, 4 or 5 and UTC day (period_start /
-- 86,400,000, truncated), entries is a log of "ms,offset,valid,unit,value;" (ms from the start of the day, the value as
-- float8's shortest exact text), appended in the order of writing; the last entry of a period start is the current
-- reading. Kept by statement triggers over the rows a statement inserted or updated, like reading_day_counts, so in the
-- same transaction as whatever wrote the readings; rows are appended in key order, so two writers touching the same
-- days lock them in the same order.
CREATE TABLE reading_day_values (
    day     bigint NOT NULL,
    series  bigint NOT NULL,
    entries text   NOT NULL,
    PRIMARY KEY (day, series)
);

-- One entry. Its callers set extra_float_digits > 0, which makes float8 text the shortest that reads back to the same
-- double whatever the session set (here it would keep the function from being inlined).
CREATE FUNCTION reading_day_entry(period_start bigint, utc_offset integer, valid integer, unit text, value double precision)
    RETURNS text LANGUAGE sql STABLE AS $$
    SELECT (period_start - (period_start / 86400000) * 86400000)::text || ',' || utc_offset::text || ',' || valid::text || ','
           || unit || ',' || value::text || ';'
$$;

SET LOCAL extra_float_digits = 1;
INSERT INTO reading_day_values (day, series, entries)
SELECT r.period_start / 86400000, r.series, string_agg(reading_day_entry(r.period_start, r.utc_offset, r.valid, r.unit, r.value), '' ORDER BY r.period_start)
FROM readings r JOIN series s ON s.id = r.series
WHERE s.kind IN (3, 4, 5)
GROUP BY 1, 2;

CREATE FUNCTION readings_values_insert() RETURNS trigger LANGUAGE plpgsql SET extra_float_digits = 1 AS $$
BEGIN
    INSERT INTO reading_day_values (day, series, entries)
    SELECT i.period_start / 86400000, i.series, string_agg(reading_day_entry(i.period_start, i.utc_offset, i.valid, i.unit, i.value), '' ORDER BY i.period_start)
    FROM inserted i JOIN series s ON s.id = i.series
    WHERE s.kind IN (3, 4, 5)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, series) DO UPDATE SET entries = reading_day_values.entries || excluded.entries;
    RETURN NULL;
END
$$;
CREATE TRIGGER readings_values_insert AFTER INSERT ON readings REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION readings_values_insert();

-- Only rows whose value, validity, unit or offset changed (a review's marks or a new packet id alone append nothing).
CREATE FUNCTION readings_values_update() RETURNS trigger LANGUAGE plpgsql SET extra_float_digits = 1 AS $$
BEGIN
    INSERT INTO reading_day_values (day, series, entries)
    SELECT a.period_start / 86400000, a.series, string_agg(reading_day_entry(a.period_start, a.utc_offset, a.valid, a.unit, a.value), '' ORDER BY a.period_start)
    FROM after_rows a
    JOIN before_rows b ON b.series = a.series AND b.period_start = a.period_start
    JOIN series s ON s.id = a.series
    WHERE s.kind IN (3, 4, 5)
      AND (a.value IS DISTINCT FROM b.value OR a.valid IS DISTINCT FROM b.valid OR a.unit IS DISTINCT FROM b.unit
           OR a.utc_offset IS DISTINCT FROM b.utc_offset)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (day, series) DO UPDATE SET entries = reading_day_values.entries || excluded.entries;
    RETURN NULL;
END
$$;
CREATE TRIGGER readings_values_update AFTER UPDATE ON readings REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION readings_values_update();
