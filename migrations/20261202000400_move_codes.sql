-- One-time codes that move an owner's history to another browser. Only the code's hash is
-- stored; a code is deleted when used, and refused once expired.
CREATE TABLE move_codes (
    code_hash  BYTEA PRIMARY KEY CHECK (octet_length(code_hash) = 32),
    owner_key  BYTEA NOT NULL CHECK (octet_length(owner_key) = 32),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX move_codes_expires ON move_codes (expires_at);
