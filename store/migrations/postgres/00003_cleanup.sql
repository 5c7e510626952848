-- +goose Up
-- A 规范性文件清理 campaign (fazhi cleanup): its cut-off date and scope, and
-- the decision that published its result. The documents and conclusions
-- themselves are ledger_normdoc_cleanup rows whose 清理批次 is the name.
CREATE TABLE cleanup_batch (
    name                  TEXT PRIMARY KEY,
    cutoff                DATE,          -- documents published on or before it
    issuers               TEXT NOT NULL DEFAULT '', -- unit codes, comma-separated; empty: all
    status                TEXT NOT NULL, -- 清理中 / 已公布
    decision_no           TEXT,
    decision_published_on DATE,
    opened_at             TEXT NOT NULL,
    opened_by             TEXT NOT NULL,
    published_at          TEXT,
    published_by          TEXT
);

-- +goose Down
DROP TABLE cleanup_batch;
