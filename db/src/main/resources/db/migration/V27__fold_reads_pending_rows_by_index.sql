-- usage_rollup_fold (V20) ran with enable_sort = off so that a fold's rows would be grouped by hashing.
-- That also kept it from sorting the few pending transactions it numbers in order: the planner read
-- them in order from the whole usage_record_ingest index instead, so every fold, even an empty one,
-- scanned the ledger's index from its first row (65 % of a core at 9,000 calls/s, and growing with
-- the ledger). With sorting allowed, it finds the pending transactions by index range; grouping a
-- fold's rows (thousands) by sorting or hashing costs about the same.
alter function usage_rollup_fold(bigint) reset enable_sort;
