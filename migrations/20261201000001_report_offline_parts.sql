-- The parts of a model's report that said nothing (a refusal, a placeholder, an empty list)
-- and were written by the offline coach instead: `summary`, `strengths`, `dimensions.clarity`,
-- `questions.2`… Empty when the model wrote every part, and for reports the offline coach
-- wrote whole (`report.generated_by` says which).
ALTER TABLE reports ADD COLUMN offline_parts TEXT[] NOT NULL DEFAULT '{}';
