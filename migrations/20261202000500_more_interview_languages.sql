-- Languages only LLM interviewers speak (the offline coach asks and reports in English for
-- them). The column's CHECK was declared inline in 20261202000200, so PostgreSQL named it
-- interviews_language_check.
ALTER TABLE interviews
    DROP CONSTRAINT interviews_language_check,
    ADD CONSTRAINT interviews_language_check CHECK (language IN (
        'english', 'french', 'german', 'spanish',
        'italian', 'portuguese', 'dutch', 'polish', 'swedish', 'turkish'
    ));
