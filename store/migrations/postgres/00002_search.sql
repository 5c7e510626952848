-- +goose Up
-- Full-text search over the ledgers people read as text (package search
-- declares which ledger fields feed title, body and context). One row per
-- ledger record, kept in sync by triggers on the ledger tables; those
-- triggers are generated from search.Sources after the ledger tables exist
-- (store/search.go), so this migration does not name any ledger table.
-- The pg_trgm GIN indexes are created there too, when the extension is
-- available: without it search still works, by scanning.
CREATE TABLE search_doc (
    kind      TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    body      TEXT NOT NULL DEFAULT '',
    context   TEXT NOT NULL DEFAULT '',
    info      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, record_id)
);

-- The generated trigger SQL of each kind, hashed: when search.Sources or a
-- ledger definition changes, the triggers are rebuilt and the kind re-indexed.
CREATE TABLE search_source (
    kind      TEXT PRIMARY KEY,
    signature TEXT NOT NULL
);

-- +goose Down
DROP TABLE search_source;
DROP TABLE search_doc;
