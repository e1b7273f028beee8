-- Who owns an account and who requested a transfer, kept with the immutable facts the command side checks before
-- anything is written. Rows from before the ledger had principals stay NULL: nobody can pay out of such an
-- account (no token's subject equals NULL), which is the safe reading of "owner unknown".
ALTER TABLE account_directory ADD COLUMN owner VARCHAR(255);
ALTER TABLE transfer_directory ADD COLUMN requested_by VARCHAR(255);
