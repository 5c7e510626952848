-- +goose Up
-- Failed logins (issue 13 item 1): per account name typed (kind 'account')
-- and per client address (kind 'addr'): failures in the window that began
-- at window_start, and the end of a lockout. Times are Unix seconds. Kept
-- in the database so a restart does not reset them.
CREATE TABLE login_guard (
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NOT NULL,
    PRIMARY KEY (kind, key)
);

-- Web sessions: the SHA-256 of the cookie's token (the token itself is
-- never stored), the account, and when it was last used (Unix seconds), so
-- a restart logs no one out and several processes can serve one database.
CREATE TABLE web_session (
    token_hash TEXT PRIMARY KEY,
    account    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL
);
CREATE INDEX web_session_account ON web_session (account);

-- +goose Down
DROP TABLE web_session;
DROP TABLE login_guard;
