-- Lists read newest first by id, and written by several nodes, get their ids in commit order. An identity value is
-- taken when a row is formed, not at commit: with two nodes, a row given id 10 may commit after the row given id 11,
-- and a reader that already saw 11 as the newest would never be shown 10 (what SQLite's single writer cannot do).
-- A statement trigger, fired before any row of the statement takes its id, holds a lock per table to the end of the
-- transaction, so the next writer of the table takes its ids only after this one committed. Writers of one table take
-- turns from their insert to their commit; these tables take a few rows a minute. The packet log and the readings are
-- not here: their writers are the ingest batches (each station's packets are numbered under its own lock).
CREATE FUNCTION list_order_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The two-key form keeps these locks apart from the one-key locks of migrations, jobs and the audit chain.
    PERFORM pg_advisory_xact_lock(hashtext('qingshui.list-order'), hashtext(TG_TABLE_NAME));
    RETURN NULL;
END;
$$;

CREATE TRIGGER alerts_list_order BEFORE INSERT ON alerts FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER incidents_list_order BEFORE INSERT ON incidents FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER notices_list_order BEFORE INSERT ON notices FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER station_commands_list_order BEFORE INSERT ON station_commands FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER review_decisions_list_order BEFORE INSERT ON review_decisions FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER joint_discrepancies_list_order BEFORE INSERT ON joint_discrepancies FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER joint_sampling_list_order BEFORE INSERT ON joint_sampling FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER river_chiefs_list_order BEFORE INSERT ON river_chiefs FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER patrols_list_order BEFORE INSERT ON patrols FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER patrol_findings_list_order BEFORE INSERT ON patrol_findings FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
CREATE TRIGGER enforcement_cases_list_order BEFORE INSERT ON enforcement_cases FOR EACH STATEMENT EXECUTE FUNCTION list_order_lock();
