-- +goose NO TRANSACTION
-- +goose Up
-- Districts (行政区划, GB/T 2260) as tenants of one deployment: a unit
-- belongs to a district; unit names, settings, holiday overrides, reports,
-- unit aliases and column mappings are unique within a district. Everything
-- kept before belongs to the default district 410307 (洛阳市偃师区, the
-- district of the demo; ledger.DefaultDistrict). SQLite cannot drop a
-- UNIQUE or PRIMARY KEY constraint, so each table is rebuilt: renamed away
-- in legacy mode (the tables that reference it keep naming the new one),
-- copied whole into the new shape, and the old copy dropped, with foreign
-- key enforcement off on this one connection (SQLite's documented way; it
-- cannot be turned off inside a transaction, so the migration opens its own).
PRAGMA foreign_keys = OFF;
PRAGMA legacy_alter_table = ON;
BEGIN IMMEDIATE;

ALTER TABLE units RENAME TO units_v1;
CREATE TABLE units (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    short_name TEXT,
    parent     TEXT REFERENCES units(code),
    kind       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    district   TEXT NOT NULL DEFAULT '410307'
);
INSERT INTO units (code, name, short_name, parent, kind, sort_order)
    SELECT code, name, short_name, parent, kind, sort_order FROM units_v1;
DROP TABLE units_v1;
CREATE INDEX units_parent ON units(parent);
CREATE UNIQUE INDEX units_district_name ON units(district, name);
CREATE INDEX units_district ON units(district);

ALTER TABLE setting RENAME TO setting_v1;
CREATE TABLE setting (
    district   TEXT NOT NULL DEFAULT '410307',
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    PRIMARY KEY (district, key)
);
INSERT INTO setting (key, value, changed_at, changed_by) SELECT key, value, changed_at, changed_by FROM setting_v1;
DROP TABLE setting_v1;

ALTER TABLE holiday RENAME TO holiday_v1;
CREATE TABLE holiday (
    district TEXT NOT NULL DEFAULT '410307',
    day      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (district, day)
);
INSERT INTO holiday (day, kind, name) SELECT day, kind, name FROM holiday_v1;
DROP TABLE holiday_v1;

ALTER TABLE holiday_year RENAME TO holiday_year_v1;
CREATE TABLE holiday_year (
    district TEXT NOT NULL DEFAULT '410307',
    year     INTEGER NOT NULL,
    PRIMARY KEY (district, year)
);
INSERT INTO holiday_year (year) SELECT year FROM holiday_year_v1;
DROP TABLE holiday_year_v1;

ALTER TABLE report_version RENAME TO report_version_v1;
CREATE TABLE report_version (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    district   TEXT NOT NULL DEFAULT '410307',
    year       INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note       TEXT,
    source     TEXT NOT NULL,
    UNIQUE (district, year, version)
);
INSERT INTO report_version (id, year, version, author, created_at, note, source)
    SELECT id, year, version, author, created_at, note, source FROM report_version_v1;
DROP TABLE report_version_v1;

ALTER TABLE report_figure RENAME TO report_figure_v1;
ALTER TABLE report_publication RENAME TO report_publication_v1;
CREATE TABLE report_publication (
    district     TEXT NOT NULL DEFAULT '410307',
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    doc_number   TEXT NOT NULL,
    signed_on    TEXT NOT NULL,
    published_at TEXT NOT NULL,
    author       TEXT NOT NULL,
    PRIMARY KEY (district, year)
);
INSERT INTO report_publication (year, version, doc_number, signed_on, published_at, author)
    SELECT year, version, doc_number, signed_on, published_at, author FROM report_publication_v1;
CREATE TABLE report_figure (
    district    TEXT NOT NULL DEFAULT '410307',
    year        INTEGER NOT NULL,
    indicator   TEXT NOT NULL,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    value       REAL,
    numerator   REAL,
    denominator REAL,
    groups      TEXT,
    definition  TEXT NOT NULL,
    PRIMARY KEY (district, year, indicator),
    FOREIGN KEY (district, year) REFERENCES report_publication (district, year)
);
INSERT INTO report_figure (year, indicator, name, unit, value, numerator, denominator, groups, definition)
    SELECT year, indicator, name, unit, value, numerator, denominator, groups, definition FROM report_figure_v1;
DROP TABLE report_figure_v1;
DROP TABLE report_publication_v1;

ALTER TABLE unit_alias RENAME TO unit_alias_v1;
CREATE TABLE unit_alias (
    district   TEXT NOT NULL DEFAULT '410307',
    alias      TEXT NOT NULL,
    unit_code  TEXT NOT NULL REFERENCES units(code),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (district, alias)
);
INSERT INTO unit_alias (alias, unit_code, created_at, created_by) SELECT alias, unit_code, created_at, created_by FROM unit_alias_v1;
DROP TABLE unit_alias_v1;

ALTER TABLE import_mapping RENAME TO import_mapping_v1;
CREATE TABLE import_mapping (
    district   TEXT NOT NULL DEFAULT '410307',
    unit_code  TEXT NOT NULL,
    ledger_id  TEXT NOT NULL,
    shape      TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (district, unit_code, ledger_id, shape)
);
INSERT INTO import_mapping (unit_code, ledger_id, shape, mapping, updated_at)
    SELECT unit_code, ledger_id, shape, mapping, updated_at FROM import_mapping_v1;
DROP TABLE import_mapping_v1;

COMMIT;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_keys = ON;

-- +goose Down
SELECT 1;
