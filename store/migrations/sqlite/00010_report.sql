-- +goose Up
-- Every saved version of a year's report narrative: who, when, what.
CREATE TABLE report_version (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    year       INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note       TEXT,
    source     TEXT NOT NULL,
    UNIQUE (year, version)
);

-- +goose Down
DROP TABLE report_version;
