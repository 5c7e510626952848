-- +goose Up
-- The data key the sensitive values of this database are sealed with
-- (internal/seal): its id only, never the key. One row once the
-- clear-text values of an older database have been sealed.
CREATE TABLE data_key_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    key_id     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE data_key_state;
