-- Every write of log records (a batch from memory, one record of a batch being isolated, a dead
-- letter, or a spilled segment written back) records its id here in its own transaction. A write
-- retried because its commit was lost in transit, or a segment written again after a crash, finds
-- its id and is skipped: no row is written twice. The writer deletes ids whose outcome it knows in
-- its next write, and the retention timer deletes leftovers, so the table stays small.
ALTER TABLE validation_log_spill_replays RENAME TO validation_log_writes;
ALTER TABLE validation_log_writes RENAME COLUMN segment TO write_id;
ALTER TABLE validation_log_writes RENAME COLUMN replayed_at TO written_at;
ALTER INDEX validation_log_spill_replays_pkey RENAME TO validation_log_writes_pkey;
