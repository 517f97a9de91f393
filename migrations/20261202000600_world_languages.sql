-- Languages in other scripts and more Latin-script ones, for LLM interviewers (the offline
-- coach asks and reports in English for them). Replaces the CHECK of 20261202000500 by name.
ALTER TABLE interviews
    DROP CONSTRAINT interviews_language_check,
    ADD CONSTRAINT interviews_language_check CHECK (language IN (
        'english', 'french', 'german', 'spanish', 'arabic', 'bengali',
        'chinese', 'czech', 'danish', 'dutch', 'finnish', 'greek',
        'hebrew', 'hindi', 'hungarian', 'indonesian', 'italian', 'japanese',
        'korean', 'norwegian', 'persian', 'polish', 'portuguese', 'romanian',
        'russian', 'swedish', 'thai', 'turkish', 'ukrainian', 'vietnamese'
    ));
