-- +goose Up
CREATE TABLE units (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    short_name TEXT,
    parent     TEXT REFERENCES units(code),
    kind       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX units_parent ON units(parent);

-- Every change to a ledger record, with the values before and after, so that
-- nothing a user entered is lost and every change has an author.
CREATE TABLE record_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ledger     TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    action     TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    actor      TEXT NOT NULL,
    source     TEXT,
    old_values TEXT,
    new_values TEXT
);
CREATE INDEX record_history_record ON record_history(ledger, record_id);

CREATE TABLE import_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ledger      TEXT NOT NULL,
    file        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    rows_total  INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL
);

-- Holidays and 调休 working days loaded by an administrator; they override
-- the built-in table.
CREATE TABLE holiday (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE holiday_year (
    year INTEGER PRIMARY KEY
);

-- +goose Down
DROP TABLE holiday_year;
DROP TABLE holiday;
DROP TABLE import_log;
DROP TABLE record_history;
DROP TABLE units;
