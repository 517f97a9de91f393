-- How an answer given by voice sounded (pace, long pauses, fillers), measured when it was
-- stored from the recogniser's phrase timing; NULL for typed answers.
ALTER TABLE answers
    ADD COLUMN delivery JSONB CHECK (delivery IS NULL OR jsonb_typeof(delivery) = 'object');
