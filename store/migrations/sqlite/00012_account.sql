-- +goose Up
-- Accounts of the application layer: one role per account, a unit and a
-- data scope (app.Roles lists which scopes each role may hold).
CREATE TABLE account (
    name                 TEXT PRIMARY KEY,
    password_hash        TEXT NOT NULL,
    role                 TEXT NOT NULL,
    unit                 TEXT REFERENCES units(code),
    scope                TEXT NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

-- The version of a record after each change, so that an edit or an import
-- based on an older version can name the fields changed since.
ALTER TABLE record_history ADD COLUMN version INTEGER;

-- +goose Down
ALTER TABLE record_history DROP COLUMN version;
DROP TABLE account;
