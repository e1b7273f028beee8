-- A finding's expected and actual values are typed JSON (numbers as numbers, statuses and descriptions as text)
-- instead of text that readers had to guess numbers back from. Existing rows: all-digit text was a number.
ALTER TABLE reconciliation_divergence
    ALTER COLUMN expected TYPE jsonb USING CASE WHEN expected ~ '^-?[0-9]+$' THEN expected::jsonb
                                               ELSE to_jsonb(expected) END,
    ALTER COLUMN actual TYPE jsonb USING CASE WHEN actual ~ '^-?[0-9]+$' THEN actual::jsonb
                                             ELSE to_jsonb(actual) END;
