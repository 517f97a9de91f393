-- The language of an interview's questions and report: the job description's, detected when
-- it is stored, unless the user chose one (then it stays).
ALTER TABLE interviews
    ADD COLUMN language TEXT NOT NULL DEFAULT 'english'
        CHECK (language IN ('english', 'french', 'german', 'spanish')),
    ADD COLUMN language_chosen BOOLEAN NOT NULL DEFAULT false;
