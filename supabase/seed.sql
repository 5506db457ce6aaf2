-- Demo data: "Acme Commerce" (an e-commerce lead-conversion assistant) with one user per role, and
-- "Globex Support" with its own admin so organization isolation is visible. Idempotent: running it
-- again changes nothing. Every demo user signs in with the password causeway-demo.

do $seed$
declare
  demo_users constant text[][] := array[
    ['admin@demo.causeway.dev', 'Ada Admin'],
    ['product_manager@demo.causeway.dev', 'Priya Product'],
    ['prompt_engineer@demo.causeway.dev', 'Pat Prompt'],
    ['operations@demo.causeway.dev', 'Oscar Ops'],
    ['engineer@demo.causeway.dev', 'Erin Engineer'],
    ['enablement@demo.causeway.dev', 'Eli Enablement'],
    ['admin@globex.demo.causeway.dev', 'Gina Globex']
  ];
  pair text[];
  acme uuid;
  globex uuid;
begin
  foreach pair slice 1 in array demo_users loop
    if not exists (select 1 from auth.users where email = pair[1]) then
      insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
                              raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      values (gen_random_uuid(), 'authenticated', 'authenticated', pair[1],
              extensions.crypt('causeway-demo', extensions.gen_salt('bf', 10)), now(),
              '{"provider":"email","providers":["email"]}',
              jsonb_build_object('display_name', pair[2]), now(), now());
    end if;
  end loop;

  insert into public.organizations (name, slug, created_by)
  values ('Acme Commerce', 'acme-commerce', (select id from auth.users where email = 'admin@demo.causeway.dev')),
         ('Globex Support', 'globex-support', (select id from auth.users where email = 'admin@globex.demo.causeway.dev'))
  on conflict (slug) do nothing;
  select id into acme from public.organizations where slug = 'acme-commerce';
  select id into globex from public.organizations where slug = 'globex-support';

  insert into public.memberships (organization_id, user_id, role)
  select acme, u.id, split_part(u.email, '@', 1)::public.app_role
  from auth.users u where u.email like '%@demo.causeway.dev'
  on conflict do nothing;
  insert into public.memberships (organization_id, user_id, role)
  select globex, u.id, 'admin' from auth.users u where u.email = 'admin@globex.demo.causeway.dev'
  on conflict do nothing;

  update public.profiles p set last_organization_id = m.organization_id
  from public.memberships m
  where m.user_id = p.id and p.last_organization_id is null;

  -- One open and one expired invitation, so the members page shows both states.
  insert into public.invitations (organization_id, email, role, invited_by, created_at, expires_at)
  select acme, 'new.analyst@acme.example', 'product_manager',
         (select id from auth.users where email = 'admin@demo.causeway.dev'), now(), now() + interval '14 days'
  where not exists (select 1 from public.invitations where email = 'new.analyst@acme.example');
  insert into public.invitations (organization_id, email, role, invited_by, created_at, expires_at)
  select acme, 'late.joiner@acme.example', 'operations',
         (select id from auth.users where email = 'admin@demo.causeway.dev'),
         now() - interval '30 days', now() - interval '16 days'
  where not exists (select 1 from public.invitations where email = 'late.joiner@acme.example');
end;
$seed$;
