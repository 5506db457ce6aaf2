-- Org API keys for machine access (ingestion, serving). The plaintext is shown once at creation;
-- only its SHA-256 is stored, and the hash column is not granted to browser roles at all.

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 2 and 60),
  prefix text not null unique,
  key_hash text not null unique,
  scopes text[] not null check (
    cardinality(scopes) > 0 and scopes <@ array['ingest', 'resolve']::text[]
  ),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null
);
create index api_keys_organization_id_idx on public.api_keys (organization_id);
create index api_keys_created_by_idx on public.api_keys (created_by);
create index api_keys_revoked_by_idx on public.api_keys (revoked_by);

alter table public.api_keys enable row level security;

create policy "engineers and admins can read their organization's API keys" on public.api_keys
  for select to authenticated
  using ((select private.has_role(organization_id, '{engineer,admin}')));

revoke all on public.api_keys from anon, authenticated;
grant select (id, organization_id, name, prefix, scopes, created_by, created_at, last_used_at,
  revoked_at, revoked_by) on public.api_keys to authenticated;
grant all on public.api_keys to service_role;

create trigger api_keys_audit after insert or update or delete on public.api_keys
  for each row execute function private.audit_row_change('id');

create or replace function private.hash_api_key(p_key text)
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(extensions.digest(convert_to(p_key, 'UTF8'), 'sha256'), 'hex');
$$;

-- Returns the plaintext key exactly once. Format: cw_<12-char prefix>_<43-char secret>.
create or replace function public.create_api_key(p_organization_id uuid, p_name text, p_scopes text[])
returns table (id uuid, name text, prefix text, scopes text[], created_at timestamptz, secret text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  key_prefix text := 'cw_' || encode(extensions.gen_random_bytes(6), 'hex');
  secret_part text := translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  full_key text := key_prefix || '_' || secret_part;
  created public.api_keys;
begin
  if not private.has_role(p_organization_id, '{engineer,admin}') then
    raise exception 'Only engineers and admins can create API keys' using errcode = '42501';
  end if;
  if char_length(btrim(coalesce(p_name, ''))) not between 2 and 60 then
    raise exception 'Key name must be 2 to 60 characters' using errcode = '22023';
  end if;
  if p_scopes is null or cardinality(p_scopes) = 0 or not (p_scopes <@ array['ingest', 'resolve']) then
    raise exception 'Scopes must be one or more of: ingest, resolve' using errcode = '22023';
  end if;

  insert into public.api_keys (organization_id, name, prefix, key_hash, scopes, created_by)
  values (p_organization_id, btrim(p_name), key_prefix, private.hash_api_key(full_key),
          (select array_agg(distinct s order by s) from unnest(p_scopes) s), (select auth.uid()))
  returning * into created;

  return query select created.id, created.name, created.prefix, created.scopes, created.created_at, full_key;
end;
$$;

create or replace function public.revoke_api_key(p_key_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  key_org uuid;
begin
  select k.organization_id into key_org from public.api_keys k where k.id = p_key_id;
  if key_org is null or not private.has_role(key_org, '{engineer,admin}') then
    raise exception 'API key not found, or you may not revoke it' using errcode = '42501';
  end if;
  update public.api_keys
  set revoked_at = now(), revoked_by = (select auth.uid())
  where id = p_key_id and revoked_at is null;
end;
$$;

-- Used by edge functions (service role only) to turn a presented key into its organization.
-- last_used_at is written at most once a minute per key to keep hot paths free of row churn.
create or replace function public.authenticate_api_key(p_key text, p_scope text)
returns table (organization_id uuid, api_key_id uuid, status text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  found public.api_keys;
begin
  select * into found from public.api_keys k where k.key_hash = private.hash_api_key(p_key);
  if found.id is null then
    return query select null::uuid, null::uuid, 'unknown_key'::text;
  elsif found.revoked_at is not null then
    return query select found.organization_id, found.id, 'revoked'::text;
  elsif not (p_scope = any (found.scopes)) then
    return query select found.organization_id, found.id, 'missing_scope'::text;
  else
    update public.api_keys set last_used_at = now()
    where id = found.id and (last_used_at is null or last_used_at < now() - interval '1 minute');
    return query select found.organization_id, found.id, 'ok'::text;
  end if;
end;
$$;

revoke all on function public.create_api_key(uuid, text, text[]) from public, anon;
revoke all on function public.revoke_api_key(uuid) from public, anon;
revoke all on function public.authenticate_api_key(text, text) from public, anon, authenticated;
revoke all on function private.hash_api_key(text) from public;
grant execute on function public.create_api_key(uuid, text, text[]) to authenticated;
grant execute on function public.revoke_api_key(uuid) to authenticated;
grant execute on function public.authenticate_api_key(text, text) to service_role;
grant execute on function private.hash_api_key(text) to service_role;
