-- +goose Up
-- Settings an administrator changes with `fazhi config set` (deadline
-- periods, the law switch date, the 临期 window).
CREATE TABLE setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL
);

-- +goose Down
DROP TABLE setting;
