-- Tenancy: organizations, memberships with six roles, invitations, profiles and the audit log.
-- Every role check goes through the security-definer helpers below, which read the membership
-- table (never JWT claims), so a role change takes effect on the very next request.

create type public.app_role as enum (
  'product_manager', 'prompt_engineer', 'operations', 'engineer', 'enablement', 'admin'
);

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 2 and 80),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organizations_created_by_idx on public.organizations (created_by);

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null check (email = lower(email)),
  display_name text check (char_length(display_name) <= 80),
  last_organization_id uuid references public.organizations (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index profiles_last_organization_id_idx on public.profiles (last_organization_id);

create table public.memberships (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.app_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (organization_id, user_id)
);
create index memberships_user_id_idx on public.memberships (user_id);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role public.app_role not null,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
-- One open invitation per address and organization; accepted or revoked ones stay as history.
create unique index invitations_open_email_idx on public.invitations (organization_id, email)
  where accepted_at is null and revoked_at is null;
create index invitations_email_idx on public.invitations (email);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);

create table public.audit_log (
  id bigint generated always as identity primary key,
  organization_id uuid not null references public.organizations (id) on delete cascade,
  actor_id uuid references auth.users (id) on delete set null,
  action text not null check (action in ('insert', 'update', 'delete')),
  entity_type text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now()
);
create index audit_log_organization_created_idx on public.audit_log (organization_id, created_at desc);
create index audit_log_actor_id_idx on public.audit_log (actor_id);

-- ---------------------------------------------------------------------------------------------
-- Role helpers. security definer so policies on memberships can call them without recursing
-- into memberships' own policies; search_path pinned to '' so nothing can be shadowed.

create or replace function private.has_role(org_id uuid, allowed public.app_role[])
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.organization_id = org_id
      and m.user_id = (select auth.uid())
      and m.role = any (allowed)
  );
$$;

create or replace function private.is_member(org_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.organization_id = org_id and m.user_id = (select auth.uid())
  );
$$;

create or replace function private.shares_organization(other_user uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.memberships mine
    join public.memberships theirs on theirs.organization_id = mine.organization_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = other_user
  );
$$;

revoke all on function private.has_role(uuid, public.app_role[]) from public;
revoke all on function private.is_member(uuid) from public;
revoke all on function private.shares_organization(uuid) from public;
grant execute on function private.has_role(uuid, public.app_role[]) to authenticated, service_role;
grant execute on function private.is_member(uuid) to authenticated, service_role;
grant execute on function private.shares_organization(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Generic triggers reused by every feature.

create or replace function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- Writes one audit row per change. The entity id column is passed as the first trigger argument
-- so composite keys (memberships) can be named too.
create or replace function private.audit_row_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  -- Secrets never reach the log, even hashed; bookkeeping columns alone are not a change.
  hidden constant text[] := array['key_hash', 'ciphertext'];
  bookkeeping constant text[] := array['updated_at', 'last_used_at'];
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - hidden end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - hidden end;
  subject jsonb := coalesce(new_row, old_row);
  entity_id text;
begin
  if tg_op = 'UPDATE' and old_row - bookkeeping = new_row - bookkeeping then
    return null;
  end if;
  select string_agg(subject ->> key_column, ':') into entity_id
  from unnest(tg_argv) as key_column;
  -- A cascade from a deleted organization has nowhere left to write to.
  if not exists (select 1 from public.organizations o where o.id = (subject ->> 'organization_id')::uuid) then
    return null;
  end if;
  insert into public.audit_log (organization_id, actor_id, action, entity_type, entity_id, before, after)
  values ((subject ->> 'organization_id')::uuid, (select auth.uid()), lower(tg_op), tg_table_name,
          entity_id, old_row, new_row);
  return null;
end;
$$;

create trigger organizations_touch before update on public.organizations
  for each row execute function private.touch_updated_at();
create trigger profiles_touch before update on public.profiles
  for each row execute function private.touch_updated_at();
create trigger memberships_touch before update on public.memberships
  for each row execute function private.touch_updated_at();

create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.audit_row_change('organization_id', 'user_id');
create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function private.audit_row_change('id');

-- ---------------------------------------------------------------------------------------------
-- Membership guards, enforced for every caller including admins.

create or replace function private.guard_membership_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  remaining_admins integer;
begin
  if tg_op = 'UPDATE' then
    if new.organization_id <> old.organization_id or new.user_id <> old.user_id then
      raise exception 'A membership cannot be moved to another user or organization'
        using errcode = '42501';
    end if;
    if caller is not null and new.user_id = caller and new.role <> old.role and new.role = 'admin' then
      raise exception 'You cannot raise your own role' using errcode = '42501';
    end if;
  end if;

  if old.role = 'admin' and (tg_op = 'DELETE' or new.role <> 'admin') then
    select count(*) into remaining_admins
    from public.memberships m
    where m.organization_id = old.organization_id and m.role = 'admin' and m.user_id <> old.user_id;
    -- Deleting the organization itself cascades here; that is the one time no admin may remain.
    if remaining_admins = 0 and exists (select 1 from public.organizations o where o.id = old.organization_id) then
      raise exception 'An organization must keep at least one admin: promote another member first'
        using errcode = '42501';
    end if;
  end if;

  if tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end;
$$;

create trigger memberships_guard before update or delete on public.memberships
  for each row execute function private.guard_membership_change();

-- ---------------------------------------------------------------------------------------------
-- Row-level security. Policies are named as sentences saying who may do what.

alter table public.organizations enable row level security;
alter table public.profiles enable row level security;
alter table public.memberships enable row level security;
alter table public.invitations enable row level security;
alter table public.audit_log enable row level security;

create policy "members can read their organizations" on public.organizations
  for select to authenticated using ((select private.is_member(id)));
create policy "admins can update their organization" on public.organizations
  for update to authenticated
  using ((select private.has_role(id, '{admin}')))
  with check ((select private.has_role(id, '{admin}')));

create policy "users can read their own profile and their colleagues' profiles" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or (select private.shares_organization(id)));
create policy "users can update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

create policy "members can read their organization's memberships" on public.memberships
  for select to authenticated using ((select private.is_member(organization_id)));
create policy "admins can change members' roles" on public.memberships
  for update to authenticated
  using ((select private.has_role(organization_id, '{admin}')))
  with check ((select private.has_role(organization_id, '{admin}')));
create policy "admins can remove members and members can leave" on public.memberships
  for delete to authenticated
  using (user_id = (select auth.uid()) or (select private.has_role(organization_id, '{admin}')));

create policy "admins can read invitations and invitees can read their own" on public.invitations
  for select to authenticated
  using ((select private.has_role(organization_id, '{admin}')) or email = (select auth.email()));
create policy "admins can invite people" on public.invitations
  for insert to authenticated
  with check ((select private.has_role(organization_id, '{admin}')) and invited_by = (select auth.uid()));
create policy "admins can revoke invitations" on public.invitations
  for update to authenticated
  using ((select private.has_role(organization_id, '{admin}')))
  with check ((select private.has_role(organization_id, '{admin}')));
create policy "admins can delete invitations" on public.invitations
  for delete to authenticated
  using ((select private.has_role(organization_id, '{admin}')));

create policy "admins can read their organization's audit log" on public.audit_log
  for select to authenticated using ((select private.has_role(organization_id, '{admin}')));

-- Column-level grants: what the Data API may write at all. RLS then decides which rows.
revoke all on public.organizations, public.profiles, public.memberships, public.invitations,
  public.audit_log from anon, authenticated;
grant select on public.organizations, public.profiles, public.memberships, public.invitations,
  public.audit_log to authenticated;
grant update (name) on public.organizations to authenticated;
grant update (display_name, last_organization_id) on public.profiles to authenticated;
grant update (role) on public.memberships to authenticated;
grant delete on public.memberships to authenticated;
grant insert (organization_id, email, role, invited_by, expires_at) on public.invitations to authenticated;
grant update (revoked_at, expires_at) on public.invitations to authenticated;
grant delete on public.invitations to authenticated;
grant all on public.organizations, public.profiles, public.memberships, public.invitations,
  public.audit_log to service_role;

-- ---------------------------------------------------------------------------------------------
-- Profiles follow auth.users, and invitations are accepted at sign-up.

create or replace function private.accept_invitations_for(p_user uuid, p_email text)
returns table (organization_id uuid, organization_name text, role public.app_role, status text, expires_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
begin
  return query
  with open_invites as (
    select i.* from public.invitations i
    where i.email = lower(p_email) and i.accepted_at is null and i.revoked_at is null
  ),
  accepted as (
    update public.invitations i
    set accepted_at = now(), accepted_by = p_user
    from open_invites o
    where i.id = o.id and o.expires_at > now()
    returning i.organization_id, i.role
  ),
  joined as (
    insert into public.memberships (organization_id, user_id, role)
    select a.organization_id, p_user, a.role from accepted a
    on conflict on constraint memberships_pkey do nothing
    returning memberships.organization_id
  )
  select a.organization_id, org.name, a.role, 'accepted'::text, null::timestamptz
  from accepted a join public.organizations org on org.id = a.organization_id
  union all
  select o.organization_id, org.name, o.role, 'expired'::text, o.expires_at
  from open_invites o join public.organizations org on org.id = o.organization_id
  where o.expires_at <= now();
end;
$$;
revoke all on function private.accept_invitations_for(uuid, text) from public;

create or replace function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, display_name)
  values (new.id, lower(new.email), nullif(new.raw_user_meta_data ->> 'display_name', ''))
  on conflict (id) do nothing;
  perform private.accept_invitations_for(new.id, new.email);
  return new;
end;
$$;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

-- ---------------------------------------------------------------------------------------------
-- RPCs for actions that need more than one row or must run with elevated rights.

-- Accepts the caller's open invitations (called after sign-in) and reports expired ones so the
-- UI can say which organization to ask for a new invitation.
create or replace function public.accept_pending_invitations()
returns table (organization_id uuid, organization_name text, role public.app_role, status text, expires_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
begin
  if caller is null then
    raise exception 'Sign in to accept invitations' using errcode = '42501';
  end if;
  return query select * from private.accept_invitations_for(caller, (select auth.email()));
end;
$$;

create or replace function public.create_organization(p_name text)
returns public.organizations
language plpgsql
security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  base_slug text;
  candidate text;
  created public.organizations;
  attempt integer := 0;
begin
  if caller is null then
    raise exception 'Sign in to create an organization' using errcode = '42501';
  end if;
  if char_length(btrim(coalesce(p_name, ''))) not between 2 and 80 then
    raise exception 'Organization name must be 2 to 80 characters' using errcode = '22023';
  end if;
  base_slug := trim(both '-' from regexp_replace(lower(btrim(p_name)), '[^a-z0-9]+', '-', 'g'));
  base_slug := left(coalesce(nullif(base_slug, ''), 'org'), 40);
  candidate := base_slug;
  while exists (select 1 from public.organizations o where o.slug = candidate) loop
    attempt := attempt + 1;
    candidate := base_slug || '-' || attempt;
  end loop;

  insert into public.organizations (name, slug, created_by)
  values (btrim(p_name), candidate, caller)
  returning * into created;
  insert into public.memberships (organization_id, user_id, role) values (created.id, caller, 'admin');
  update public.profiles set last_organization_id = created.id where id = caller;
  return created;
end;
$$;

revoke all on function public.accept_pending_invitations() from public, anon;
revoke all on function public.create_organization(text) from public, anon;
grant execute on function public.accept_pending_invitations() to authenticated;
grant execute on function public.create_organization(text) to authenticated;

-- Stale invitations are kept for 90 days as history, then removed.
insert into private.scheduled_jobs (name, schedule, command, description) values
  ('invitations.purge-stale', '17 3 * * *',
   $$delete from public.invitations where coalesce(accepted_at, revoked_at, expires_at) < now() - interval '90 days'$$,
   'Deletes invitations that were accepted, revoked or expired more than 90 days ago.');
select private.sync_cron_jobs();
