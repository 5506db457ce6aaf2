-- Outcomes and feedback carry the account they are attributed to, so an account's raw reads cost
-- its own rows.
--
-- The analytics take an outcome's account from its run, else its own (a feedback event's from its
-- run only), so filtering raw outcomes by account meant joining every outcome of the period to
-- its run first: for an account with another dimension (which no rollup holds) over a month at
-- 10M runs a year, seconds. `attributed_account` stores that account on the row:
-- - set on insert, and on an update of run_id or account, from the run named by run_id
--   (private.attribute_*_account);
-- - set when a run arrives after outcomes or feedback named it: by external id, the link update
--   of run_id fires the row trigger; by id, private.link_arrived_runs sets it;
-- - indexed with the organization and time, like llm_runs_account_idx.
-- metric_values finds an account's raw and tail outcomes and feedback through those indexes
-- (20261121004000_metric_values_inline.sql).

alter table public.outcomes add column attributed_account text;
alter table public.feedback add column attributed_account text;

comment on column public.outcomes.attributed_account is
  'The account the analytics attribute this outcome to: its run''s, else its own. Kept by triggers.';
comment on column public.feedback.attributed_account is
  'The account the analytics attribute this feedback to: its run''s. Kept by triggers.';

update public.outcomes o set attributed_account = r.account
from public.llm_runs r
where r.id = o.run_id and r.organization_id = o.organization_id and r.account is not null;
update public.outcomes set attributed_account = account
where attributed_account is null and account is not null;
update public.feedback f set attributed_account = r.account
from public.llm_runs r
where r.id = f.run_id and r.organization_id = f.organization_id and r.account is not null;

create index outcomes_account_idx on public.outcomes (organization_id, attributed_account, occurred_at desc)
  where attributed_account is not null;
create index feedback_account_idx on public.feedback (organization_id, attributed_account, occurred_at desc)
  where attributed_account is not null;

create or replace function private.attribute_outcome_account()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.attributed_account := coalesce(
    (select r.account from public.llm_runs r
     where r.id = new.run_id and r.organization_id = new.organization_id),
    new.account);
  return new;
end;
$$;

create or replace function private.attribute_feedback_account()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.attributed_account := (select r.account from public.llm_runs r
                             where r.id = new.run_id and r.organization_id = new.organization_id);
  return new;
end;
$$;

revoke all on function private.attribute_outcome_account() from public;
revoke all on function private.attribute_feedback_account() from public;

create trigger outcomes_attribute_account before insert or update of run_id, account on public.outcomes
  for each row execute function private.attribute_outcome_account();
create trigger feedback_attribute_account before insert or update of run_id on public.feedback
  for each row execute function private.attribute_feedback_account();

create or replace function private.link_arrived_runs()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outcomes o set run_id = r.id
  from new_runs r
  where r.external_id is not null and o.organization_id = r.organization_id
    and o.run_id is null and o.run_external_id = r.external_id;
  update public.feedback f set run_id = r.id
  from new_runs r
  where r.external_id is not null and f.organization_id = r.organization_id
    and f.run_id is null and f.run_external_id = r.external_id;
  -- Outcomes and feedback that named this run by id before it arrived take its account now.
  update public.outcomes o set attributed_account = coalesce(r.account, o.account)
  from new_runs r
  where o.run_id = r.id and o.organization_id = r.organization_id
    and o.attributed_account is distinct from coalesce(r.account, o.account);
  update public.feedback f set attributed_account = r.account
  from new_runs r
  where f.run_id = r.id and f.organization_id = r.organization_id
    and f.attributed_account is distinct from r.account;
  update public.run_lifecycle_events e set run_id = r.id
  from new_runs r
  where r.external_id is not null and e.organization_id = r.organization_id
    and e.run_id is null and e.run_external_id = r.external_id;
  return null;
end;
$$;
