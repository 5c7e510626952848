-- +goose Up
-- The unit tree with dates: a unit is valid from valid_from (NULL: since
-- before the records) until valid_to (NULL: still valid; set when it is
-- merged into another or abolished). Every rename, re-parenting, merge and
-- abolition is an event with the date it took effect and the values before
-- and after, so the tree of any past day can be rebuilt and a past year's
-- figures group records as that year's tree did.
ALTER TABLE units ADD COLUMN valid_from TEXT;
ALTER TABLE units ADD COLUMN valid_to TEXT;
CREATE TABLE unit_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    district   TEXT NOT NULL,
    unit_code  TEXT NOT NULL REFERENCES units(code),
    kind       TEXT NOT NULL,  -- rename / move / merge / abolish
    on_date    TEXT NOT NULL,  -- YYYY-MM-DD, the day the change took effect
    old_name   TEXT,
    new_name   TEXT,
    old_parent TEXT,
    new_parent TEXT,
    note       TEXT,
    actor      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX unit_event_unit ON unit_event(unit_code, on_date);

-- +goose Down
DROP TABLE unit_event;
ALTER TABLE units DROP COLUMN valid_to;
ALTER TABLE units DROP COLUMN valid_from;
