-- +goose Up
-- Full-text search over the ledgers people read as text (package search
-- declares which ledger fields feed title, body and context). One row per
-- ledger record, kept in sync by triggers on the ledger tables; those
-- triggers are generated from search.Sources after the ledger tables exist
-- (store/search.go), so this migration does not name any ledger table.
CREATE TABLE search_doc (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    body      TEXT NOT NULL DEFAULT '',
    context   TEXT NOT NULL DEFAULT '',
    info      TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, record_id)
);

-- The generated trigger SQL of each kind, hashed: when search.Sources or a
-- ledger definition changes, the triggers are rebuilt and the kind re-indexed.
CREATE TABLE search_source (
    kind      TEXT PRIMARY KEY,
    signature TEXT NOT NULL
);

-- Trigram index over search_doc (external content): serves substring
-- queries of 3 characters or more in any language, Chinese included.
-- Shorter queries use LIKE on search_doc.
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, context,
    content = 'search_doc', content_rowid = 'id',
    tokenize = 'trigram'
);

-- +goose StatementBegin
CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN
    INSERT INTO search_fts (rowid, title, body, context) VALUES (new.id, new.title, new.body, new.context);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_doc_ad AFTER DELETE ON search_doc BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body, context) VALUES ('delete', old.id, old.title, old.body, old.context);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER search_doc_au AFTER UPDATE ON search_doc BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body, context) VALUES ('delete', old.id, old.title, old.body, old.context);
    INSERT INTO search_fts (rowid, title, body, context) VALUES (new.id, new.title, new.body, new.context);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER search_doc_au;
DROP TRIGGER search_doc_ad;
DROP TRIGGER search_doc_ai;
DROP TABLE search_fts;
DROP TABLE search_source;
DROP TABLE search_doc;
