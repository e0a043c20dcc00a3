-- The question log: one row per answer, feedback on the same row (one vote per answer).
-- Written once for SQLite and PostgreSQL: times are epoch milliseconds, booleans 0/1, lists JSON text.
CREATE TABLE IF NOT EXISTS answers (
  answer_id       TEXT PRIMARY KEY,
  created_at      BIGINT NOT NULL,
  day             TEXT NOT NULL,
  conversation_id TEXT,
  question        TEXT,
  topics          TEXT,
  answer          TEXT,
  status          TEXT NOT NULL,
  partial         INTEGER NOT NULL DEFAULT 0,
  cited           TEXT NOT NULL DEFAULT '[]',
  model           TEXT NOT NULL,
  latency_ms      INTEGER NOT NULL,
  rating          TEXT,
  reason          TEXT,
  comment         TEXT,
  rated_at        BIGINT
);

-- Covering indexes for the owner's page: per-day counts read only the first, declined topics only the second.
CREATE INDEX IF NOT EXISTS answers_created_day_status ON answers (created_at, day, status);
CREATE INDEX IF NOT EXISTS answers_status_topics ON answers (status, topics, created_at);
CREATE INDEX IF NOT EXISTS answers_rated ON answers (rating, rated_at);
