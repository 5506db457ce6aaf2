-- An account's rollup rows found by account.
--
-- The rollups' lookup index is (organization_id, level, grain, bucket): an account's Overview read
-- every account's day rows of the range and kept its own (a year at 2,000 accounts a day: 730,000
-- rows, about 1.2 s). The account grain gets its own index, partial on the grain, which
-- metric_values' plans use because the grain and the account are constants in them.
create index run_rollups_account_idx on public.run_rollups (organization_id, account, level, bucket)
  where grain = 'account';
create index outcome_rollups_account_idx on public.outcome_rollups (organization_id, account, level, bucket)
  where grain = 'account';
create index feedback_rollups_account_idx on public.feedback_rollups (organization_id, account, level, bucket)
  where grain = 'account';
