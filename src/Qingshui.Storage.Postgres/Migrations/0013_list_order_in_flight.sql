-- Packet ids in flight. Raw packets and rejects are read newest first by id, and several nodes' ingest batches number
-- them at once: a batch that took id 10 may commit after one that took id 11, and a reader that saw 11 as the newest
-- would never be shown 10. Making the writers take turns (as 0009 does for slow tables) would serialise ingest, so here
-- each writer says instead how low its ids can be, and a reader stops short of it.
--
-- A writer, before it takes its first id, holds a shared advisory lock whose key is the sequence's next value (a lower
-- bound of every id it will take); the lock goes when it commits or rolls back, after its rows became visible. Shared
-- locks never wait on each other, so writers do not take turns. A reader asks packet_ids_settled() first (the next id,
-- then the lowest key held: in that order, so that a writer which had not yet registered takes ids above the next id
-- read), then, in a later statement with its own snapshot, lists only ids below it. packet_ids has no cache (cache 1):
-- its last value is the last id any session took.
--
-- Keys: the two-key form, class 0x51500000 (1364197376, "QP") + (id >> 31) and the id's low 31 bits, apart from every
-- other lock class.
CREATE FUNCTION packet_ids_hold() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    next_id bigint;
BEGIN
    IF COALESCE(current_setting('qingshui.packet_floor', true), '') <> '' THEN
        RETURN; -- held since this transaction's first ids: lower than any it takes now
    END IF;
    SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END INTO next_id FROM packet_ids;
    PERFORM pg_advisory_xact_lock_shared((1364197376 + (next_id >> 31))::integer, (next_id & 2147483647)::integer);
    PERFORM set_config('qingshui.packet_floor', next_id::text, true);
END;
$$;

-- The ingest batch's numbers for its packets, taken once the floor is held.
CREATE FUNCTION packet_ids_take(wanted integer) RETURNS SETOF bigint LANGUAGE plpgsql AS $$
BEGIN
    PERFORM packet_ids_hold();
    RETURN QUERY SELECT nextval('packet_ids') FROM generate_series(1, wanted);
END;
$$;

-- Every other insert that leaves the id to its default holds the floor before its first row takes one.
CREATE FUNCTION packet_ids_hold_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM packet_ids_hold();
    RETURN NULL;
END;
$$;

CREATE TRIGGER raw_packets_ids_in_flight BEFORE INSERT ON raw_packets FOR EACH STATEMENT EXECUTE FUNCTION packet_ids_hold_trigger();
CREATE TRIGGER rejected_packets_ids_in_flight BEFORE INSERT ON rejected_packets FOR EACH STATEMENT EXECUTE FUNCTION packet_ids_hold_trigger();

-- The lowest packet id that a transaction still in flight may yet commit: a list below it is final.
CREATE FUNCTION packet_ids_settled() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    next_id bigint;
    held bigint;
BEGIN
    SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END INTO next_id FROM packet_ids;
    SELECT min(((l.classid::bigint - 1364197376) << 31) | l.objid::bigint) INTO held
    FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.classid::bigint BETWEEN 1364197376 AND 1364262911
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database());
    RETURN LEAST(next_id, held);
END;
$$;

-- The list-order locks of 0009, taken in one order. A transaction that inserts into two of those tables in opposite
-- orders to another's would wait on it in a circle. list_order_take() takes the locks of the tables it is given sorted
-- by name, and notes them for the transaction; the insert trigger goes through it, so a table taken before is not taken
-- again, and a table that sorts before one already taken is refused at once (take them all first, together) instead
-- of waiting into a deadlock.
CREATE FUNCTION list_order_take(tables text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    taken text := COALESCE(current_setting('qingshui.list_order', true), '');
    highest text := COALESCE(current_setting('qingshui.list_order_last', true), '');
    t text;
BEGIN
    FOR t IN SELECT DISTINCT u COLLATE "C" FROM unnest(tables) AS u ORDER BY 1 LOOP
        CONTINUE WHEN position(',' || t || ',' IN taken) > 0;
        IF highest <> '' AND t COLLATE "C" < highest COLLATE "C" THEN
            RAISE EXCEPTION 'list-order lock of % asked after that of %: take both first with list_order_take', t, highest
                USING ERRCODE = 'lock_not_available';
        END IF;
        -- The two-key form keeps these locks apart from the one-key locks of migrations, jobs and the audit chain.
        PERFORM pg_advisory_xact_lock(hashtext('qingshui.list-order'), hashtext(t));
        taken := CASE WHEN taken = '' THEN ',' ELSE taken END || t || ',';
        highest := t;
    END LOOP;
    PERFORM set_config('qingshui.list_order', taken, true);
    PERFORM set_config('qingshui.list_order_last', highest, true);
END;
$$;

CREATE OR REPLACE FUNCTION list_order_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM list_order_take(ARRAY[TG_TABLE_NAME::text]);
    RETURN NULL;
END;
$$;
