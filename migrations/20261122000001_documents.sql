-- The CV and the job description of an interview: one row per kind, replaced on re-upload.
-- The original file is not kept (see ARCHITECTURE.md, "Documents"): only its name, detected
-- type, size and SHA-256, the extracted text and the user's correction of it.
CREATE TABLE documents (
    interview_id   UUID NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('cv', 'job_description')),
    file_name      TEXT CHECK (length(file_name) BETWEEN 1 AND 255),
    detected_type  TEXT NOT NULL CHECK (detected_type IN ('pdf', 'docx', 'text')),
    size_bytes     BIGINT NOT NULL CHECK (size_bytes >= 0),
    sha256         BYTEA NOT NULL CHECK (octet_length(sha256) = 32),
    extracted_text TEXT NOT NULL CHECK (length(extracted_text) BETWEEN 1 AND 100000),
    edited_text    TEXT CHECK (length(edited_text) BETWEEN 1 AND 100000),
    -- How the file was read ("Page 2 has no text layer"), as a JSON array of strings.
    warnings       JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(warnings) = 'array'),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (interview_id, kind)
);
