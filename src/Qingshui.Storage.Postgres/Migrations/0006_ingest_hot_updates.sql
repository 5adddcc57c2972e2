-- Room on the pages of the rows ingest updates, so that an update stays on its page as a HOT update: no new index
-- entry, and the old version is pruned in place when the page is next read. A series' day row in reading_day_counts
-- is made by the day's first reading and updated by every later one (23 times for an hourly series); station_log's
-- row is updated by every batch holding the station. With full pages, three updates in four of reading_day_counts
-- went to another page and added an index entry (measured with benchmarks/pg-nodes-load.sh, PG_STATEMENTS=1).
-- The free share is what a page's rows need for one new version each (a batch updates all of a page's rows in one
-- statement; the versions of the batch before are pruned first). Applies to pages written from now on.
ALTER TABLE reading_day_counts SET (fillfactor = 45);
ALTER TABLE station_log SET (fillfactor = 40);
