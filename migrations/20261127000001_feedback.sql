-- Feedback: one report per interview, generated once, in the background, by whichever server
-- instance claims its job first.
CREATE TABLE feedback_jobs (
    interview_id UUID PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
    status       TEXT NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed')),
    -- What the page shows while it waits: 0..100 and a short stage name.
    progress     SMALLINT NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    stage        TEXT NOT NULL DEFAULT 'queued',
    attempts     SMALLINT NOT NULL DEFAULT 0,
    -- A running job is leased; when the lease runs out (its server died), another instance
    -- takes it over. Every progress step renews the lease.
    lease_until  TIMESTAMPTZ,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The claim query's scan: unfinished jobs, oldest first.
CREATE INDEX feedback_jobs_unfinished ON feedback_jobs (created_at)
    WHERE status IN ('queued', 'running');

-- The report itself (domain::Report as JSON) and who made it.
CREATE TABLE reports (
    interview_id   UUID PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
    report         JSONB NOT NULL CHECK (jsonb_typeof(report) = 'object'),
    provider       TEXT NOT NULL,
    model          TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Read-only links to a report. Only the SHA-256 of the token is stored; the token (256 random
-- bits) is shown once, to its owner, when the link is made.
CREATE TABLE share_links (
    id           UUID PRIMARY KEY,
    interview_id UUID NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    token_hash   BYTEA NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ
);

CREATE INDEX share_links_interview ON share_links (interview_id, created_at DESC);
