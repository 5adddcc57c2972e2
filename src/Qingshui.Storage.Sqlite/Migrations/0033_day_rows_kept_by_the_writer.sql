-- The day rows of a newly inserted reading (reading_day_counts, reading_day_values) are written by the store's writer
-- right after the reading (WriteCommands through DayRowsOfNewReadings), with the same values the insert triggers
-- computed: a trigger program per inserted row cost the ingest writer more than the reading itself. Every insert into
-- readings goes through that writer (ingest and bulk load). Revisions and reviewers' decisions still update the day
-- rows through the update triggers readings_count_update and readings_values_update.
DROP TRIGGER IF EXISTS readings_count_insert;
DROP TRIGGER IF EXISTS readings_values_insert;
