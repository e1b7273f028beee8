-- A system account (world:<CUR>, transit:<CUR>) is the contra leg of every posting of its currency, so no bound on
-- one account bounds it: two accounts near the largest balance a customer may hold (a long) already push the world
-- account past 64 bits, and a segment that lags lets the transit account collect many transfers' debits before their
-- credits. As BIGINT that failed the batch's commit, where no single event could be parked, and the projection
-- retried it forever. Every accepted posting is at most 10^15 minor units and a store holds fewer than 2^63 events,
-- so any sum of postings stays below 10^34: 38 digits hold it with room to spare. Customer rows keep their bound
-- from the Account aggregate (every balance it reports is a long); they share the column.
ALTER TABLE account_summary ALTER COLUMN balance TYPE NUMERIC(38, 0);
