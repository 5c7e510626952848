-- +goose Up
-- A published report: the narrative version it was published from, and a
-- frozen copy of every indicator (value and definition) at that moment, so
-- later record edits never change the published figures.
CREATE TABLE report_publication (
    year         INTEGER PRIMARY KEY,
    version      INTEGER NOT NULL,
    doc_number   TEXT NOT NULL,
    signed_on    TEXT NOT NULL,
    published_at TEXT NOT NULL,
    author       TEXT NOT NULL
);
CREATE TABLE report_figure (
    year        INTEGER NOT NULL REFERENCES report_publication (year),
    indicator   TEXT NOT NULL,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    value       DOUBLE PRECISION,
    numerator   DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    groups      TEXT,
    definition  TEXT NOT NULL,
    PRIMARY KEY (year, indicator)
);

-- +goose Down
DROP TABLE report_figure;
DROP TABLE report_publication;
