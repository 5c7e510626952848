-- +goose Up
-- The audit trail (issue 13, 等保 安全审计): append-only, each entry chained
-- to the one before by a keyed MAC (app/audit.go) whose key lives outside
-- the database. seq runs 1, 2, 3 … without gaps.
CREATE TABLE audit_log (
    seq    BIGINT PRIMARY KEY,
    at     TEXT NOT NULL,  -- wall clock, RFC 3339 UTC with nanoseconds
    actor  TEXT NOT NULL,  -- account, 本机管理员:user, or the name typed at a failed login
    role   TEXT NOT NULL,
    addr   TEXT NOT NULL,  -- client address; 本机 for the command line
    action TEXT NOT NULL,  -- record.update, login.fail … (app.AuditActions)
    target TEXT NOT NULL,
    detail TEXT NOT NULL,  -- JSON: before/after values (sensitive ones masked), notes
    mac    TEXT NOT NULL   -- hex HMAC-SHA256(key, previous mac ‖ canonical entry)
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);

-- The head of the chain: the last seq and MAC, with a keyed tag over both,
-- updated with every append (its row lock serialises appends). Someone who
-- deletes the last entries cannot recompute the tag for the shorter chain.
CREATE TABLE audit_head (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    mac TEXT NOT NULL,
    tag TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, mac, tag) VALUES (1, 0, '', '');

-- Checkpoints written by `fazhi audit prune`: entries up to seq were
-- deleted; verify starts from mac. tag is keyed.
CREATE TABLE audit_checkpoint (
    seq    BIGINT PRIMARY KEY,
    mac    TEXT NOT NULL,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    tag    TEXT NOT NULL
);

-- Append-only: no entry is ever changed, and only entries covered by a
-- prune checkpoint may be deleted.
-- +goose StatementBegin
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION '审计日志只能追加，不能修改';
    END IF;
    IF OLD.seq > (SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint) THEN
        RAISE EXCEPTION '审计日志只能追加，不能删除（清理须经 fazhi audit prune）';
    END IF;
    RETURN OLD;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

-- +goose Down
DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION audit_log_guard();
DROP TABLE audit_checkpoint;
DROP TABLE audit_head;
DROP TABLE audit_log;
