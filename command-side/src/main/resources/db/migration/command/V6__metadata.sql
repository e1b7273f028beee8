-- A transfer's labels (issue 13) are part of its content: an id resubmitted with other metadata is another request,
-- a conflict. NULL for none, as every row from before labels has; a plain JSON object of strings otherwise.
ALTER TABLE transfer_directory ADD COLUMN metadata JSONB;
