-- Saved views: a named dashboard URL (page path under /o/:slug plus its query string), kept per
-- person ("personal") or shared with the whole organization ("organization"). The view stores
-- the path relative to the organization so it survives a change of the organization's slug.

create table public.saved_views (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  owner_id uuid references auth.users (id) on delete set null default auth.uid(),
  scope text not null check (scope in ('personal', 'organization')),
  name text not null check (char_length(btrim(name)) between 1 and 120),
  -- "/overview" or "/overview/drill": a page of the organization, never an absolute URL.
  path text not null check (path ~ '^(/[A-Za-z0-9_-]+)+$' and char_length(path) <= 200),
  -- The search part without its "?", e.g. "range=1M&metrics=conversion".
  query text not null default '' check (char_length(query) <= 4000 and query !~ '^\?'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A personal view belongs to someone; an organization view may outlive its creator.
  check (scope = 'organization' or owner_id is not null)
);

-- Names are unique where people see them together: among one person's own views, and among the
-- organization's shared views.
create unique index saved_views_personal_name_idx
  on public.saved_views (organization_id, owner_id, lower(btrim(name))) where scope = 'personal';
create unique index saved_views_organization_name_idx
  on public.saved_views (organization_id, lower(btrim(name))) where scope = 'organization';
create index saved_views_owner_idx on public.saved_views (owner_id);

create trigger saved_views_touch before update on public.saved_views
  for each row execute function private.touch_updated_at();

alter table public.saved_views enable row level security;

create policy "members can read their own and their organization's shared views"
  on public.saved_views for select to authenticated
  using (
    (scope = 'personal' and owner_id = (select auth.uid())
      and (select private.is_member(organization_id)))
    or (scope = 'organization' and (select private.is_member(organization_id)))
  );

create policy "members save personal views and product managers and admins shared ones"
  on public.saved_views for insert to authenticated
  with check (
    owner_id = (select auth.uid())
    and (
      (scope = 'personal' and (select private.is_member(organization_id)))
      or (scope = 'organization'
          and (select private.has_role(organization_id, '{product_manager,admin}')))
    )
  );

-- A personal view stays its owner's: turning someone else's shared view into a personal one
-- fails the check, because owner_id is not writable and is not the caller.
create policy "owners edit their personal views and product managers and admins shared ones"
  on public.saved_views for update to authenticated
  using (
    (scope = 'personal' and owner_id = (select auth.uid())
      and (select private.is_member(organization_id)))
    or (scope = 'organization'
        and (select private.has_role(organization_id, '{product_manager,admin}')))
  )
  with check (
    (scope = 'personal' and owner_id = (select auth.uid())
      and (select private.is_member(organization_id)))
    or (scope = 'organization'
        and (select private.has_role(organization_id, '{product_manager,admin}')))
  );

create policy "owners delete their personal views and product managers and admins shared ones"
  on public.saved_views for delete to authenticated
  using (
    (scope = 'personal' and owner_id = (select auth.uid())
      and (select private.is_member(organization_id)))
    or (scope = 'organization'
        and (select private.has_role(organization_id, '{product_manager,admin}')))
  );

revoke all on public.saved_views from anon, authenticated;
grant select on public.saved_views to authenticated;
grant insert (organization_id, owner_id, scope, name, path, query) on public.saved_views to authenticated;
grant update (scope, name, path, query) on public.saved_views to authenticated;
grant delete on public.saved_views to authenticated;
grant all on public.saved_views to service_role;
