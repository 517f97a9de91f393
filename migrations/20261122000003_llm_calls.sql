-- One row per call to an LLM provider: what was called, how long it took, what it cost in
-- tokens and how it ended. No prompt or reply text (those hold the user's documents).
CREATE TABLE llm_calls (
    id             BIGSERIAL PRIMARY KEY,
    -- Kept when the interview is deleted: the row holds no personal data.
    interview_id   UUID REFERENCES interviews (id) ON DELETE SET NULL,
    purpose        TEXT NOT NULL CHECK (purpose IN ('question', 'feedback')),
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    latency_ms     INTEGER NOT NULL CHECK (latency_ms >= 0),
    input_tokens   INTEGER,
    output_tokens  INTEGER,
    -- `ok`, or why not: `rate_limited`, `server_error`, `timeout`, `connection`, `rejected`,
    -- `malformed`, `circuit_open`, `invalid_reply`.
    outcome        TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX llm_calls_created ON llm_calls (created_at DESC);
