-- Interviews, each owned by one anonymous browser identity.
-- owner_key is SHA-256 of the owner's cookie token; the token itself is never stored.
CREATE TABLE interviews (
    id             UUID PRIMARY KEY,
    owner_key      BYTEA NOT NULL CHECK (octet_length(owner_key) = 32),
    job_title      TEXT NOT NULL CHECK (length(job_title) BETWEEN 1 AND 200),
    company        TEXT NOT NULL CHECK (length(company) BETWEEN 1 AND 200),
    kind           TEXT NOT NULL CHECK (kind IN ('behavioral', 'technical', 'mixed')),
    seniority      TEXT NOT NULL CHECK (seniority IN ('junior', 'mid', 'senior')),
    question_count SMALLINT NOT NULL CHECK (question_count BETWEEN 3 AND 12),
    status         TEXT NOT NULL DEFAULT 'not_ready'
                   CHECK (status IN ('not_ready', 'ready', 'in_progress', 'completed')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The history page: one owner's interviews, newest first.
CREATE INDEX interviews_owner_created ON interviews (owner_key, created_at DESC, id DESC);
