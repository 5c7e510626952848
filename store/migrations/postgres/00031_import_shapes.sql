-- +goose Up
-- Other names units are known by (区发改委), declared with `fazhi units alias`.
CREATE TABLE unit_alias (
    alias      TEXT PRIMARY KEY,
    unit_code  TEXT NOT NULL REFERENCES units(code),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- A column mapping a user gave for an import (--map), kept per unit and
-- ledger for the next file of the same header shape.
CREATE TABLE import_mapping (
    unit_code  TEXT NOT NULL,
    ledger_id  TEXT NOT NULL,
    shape      TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (unit_code, ledger_id, shape)
);

-- +goose Down
DROP TABLE import_mapping;
DROP TABLE unit_alias;
