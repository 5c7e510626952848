-- +goose Up
-- 报送 rounds: the Justice Bureau asks units for ledgers of a period by a due
-- date; each unit's submission goes open → submitted (单位负责人 confirms)
-- → accepted, or back to returned (退回修改) with a reason. An edit to a
-- record of an accepted submission reopens it.
CREATE TABLE report_round (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    ledgers     TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    opened_by   TEXT NOT NULL,
    opened_at   TEXT NOT NULL
);

CREATE TABLE round_submission (
    round_id     BIGINT NOT NULL REFERENCES report_round(id),
    unit         TEXT NOT NULL REFERENCES units(code),
    status       TEXT NOT NULL,
    submitted_by TEXT,
    submitted_at TEXT,
    reviewed_by  TEXT,
    reviewed_at  TEXT,
    note         TEXT,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (round_id, unit)
);

-- +goose Down
DROP TABLE round_submission;
DROP TABLE report_round;
