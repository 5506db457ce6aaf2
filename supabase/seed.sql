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

-- Experiments demo for Acme Commerce: taxonomy, outcome metrics, a prompt template, and three
-- experiments with several versions each, one branch, reviews, deployments and one rollback.
-- Each step runs as the demo user who would do it (the JWT claims PostgREST would set), so
-- authorship, the audit log, the role checks and the approval rule all apply as in the app.
-- Idempotent: taxonomy and metrics are upserts, and the experiments are created only once.
do $seed$
declare
  acme uuid := (select id from public.organizations where slug = 'acme-commerce');
  admin_id uuid := (select id from auth.users where email = 'admin@demo.causeway.dev');
  pm uuid := (select id from auth.users where email = 'product_manager@demo.causeway.dev');
  pe uuid := (select id from auth.users where email = 'prompt_engineer@demo.causeway.dev');
  ops uuid := (select id from auth.users where email = 'operations@demo.causeway.dev');
  qualify uuid; recommend uuid; book uuid;
  user_lookup uuid; get_availability uuid; create_quote uuid;
  schedule_meeting uuid; product_question uuid; price_check uuid;
  conversion uuid; aov uuid; csat uuid; resolution uuid; escalation uuid; latency uuid; thumbs uuid;
  opener_template uuid; opener_v1 uuid;
  e1 uuid; e1v1 uuid; e1v2 uuid; e1v3 uuid;
  e2 uuid; e2v1 uuid; e2v2 uuid; e2v3 uuid;
  e3 uuid; e3v1 uuid; e3v2 uuid;
  d1 uuid; d2 uuid;
begin

  perform set_config('request.jwt.claim.sub', pm::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', pm, 'role', 'authenticated')::text, true);
  insert into public.capabilities (organization_id, key, name, description) values
    (acme, 'QualifyLead', 'Qualify lead', 'Find out whether a visitor is a buyer and what they need.'),
    (acme, 'RecommendProduct', 'Recommend product', 'Suggest products that fit what the shopper asked for.'),
    (acme, 'BookDemo', 'Book demo', 'Book a product demo with the sales team.')
  on conflict (organization_id, key) do nothing;
  insert into public.actions (organization_id, key, name, description) values
    (acme, 'UserLookup', 'User lookup', 'Fetch the visitor''s CRM record.'),
    (acme, 'GetAvailability', 'Get availability', 'Read the sales team''s calendar.'),
    (acme, 'CreateQuote', 'Create quote', 'Draft a price quote.')
  on conflict (organization_id, key) do nothing;
  insert into public.intents (organization_id, key, name, description) values
    (acme, 'ScheduleMeeting', 'Schedule a meeting', 'The visitor wants to talk to sales.'),
    (acme, 'ProductQuestion', 'Product question', 'The visitor asks about a product.'),
    (acme, 'PriceCheck', 'Price check', 'The visitor asks what something costs.'),
    (acme, 'CheckOrderStatus', 'Check order status', 'The visitor asks where their order is.')
  on conflict (organization_id, key) do nothing;
  insert into public.metric_definitions (organization_id, key, name, description, unit, aggregation, percentile, direction) values
    (acme, 'conversion', 'Conversion rate', 'Conversations that end in a purchase or a booked demo.', '%', 'rate', null, 'higher_is_better'),
    (acme, 'order_value', 'Average order value', 'Order total of converted conversations.', 'USD', 'mean', null, 'higher_is_better'),
    (acme, 'csat', 'CSAT', 'Post-chat satisfaction score, 1 to 5.', 'score', 'mean', null, 'higher_is_better'),
    (acme, 'sentiment', 'Sentiment', 'Sentiment of the conversation, from -1 (negative) to 1 (positive).', 'score', 'mean', null, 'higher_is_better'),
    (acme, 'resolution_time', 'Resolution time', 'Time from first message to resolution.', 'min', 'mean', null, 'lower_is_better'),
    (acme, 'escalation', 'Escalation rate', 'Conversations handed to a human agent.', '%', 'rate', null, 'lower_is_better'),
    (acme, 'deflection', 'Deflection rate', 'Support conversations resolved without a human agent.', '%', 'rate', null, 'higher_is_better'),
    (acme, 'latency_p95', 'Latency p95', '95th percentile of LLM response time.', 'ms', 'percentile', 95, 'lower_is_better'),
    (acme, 'thumbs_up_rate', 'Thumbs-up rate', 'Share of rated answers rated thumbs up.', '%', 'rate', null, 'higher_is_better')
  on conflict (organization_id, key) do nothing;

  if exists (select 1 from public.experiments where organization_id = acme) then
    return;
  end if;

  select id into qualify from public.capabilities where organization_id = acme and key = 'QualifyLead';
  select id into recommend from public.capabilities where organization_id = acme and key = 'RecommendProduct';
  select id into book from public.capabilities where organization_id = acme and key = 'BookDemo';
  select id into user_lookup from public.actions where organization_id = acme and key = 'UserLookup';
  select id into get_availability from public.actions where organization_id = acme and key = 'GetAvailability';
  select id into create_quote from public.actions where organization_id = acme and key = 'CreateQuote';
  select id into schedule_meeting from public.intents where organization_id = acme and key = 'ScheduleMeeting';
  select id into product_question from public.intents where organization_id = acme and key = 'ProductQuestion';
  select id into price_check from public.intents where organization_id = acme and key = 'PriceCheck';
  select id into conversion from public.metric_definitions where organization_id = acme and key = 'conversion';
  select id into aov from public.metric_definitions where organization_id = acme and key = 'order_value';
  select id into csat from public.metric_definitions where organization_id = acme and key = 'csat';
  select id into resolution from public.metric_definitions where organization_id = acme and key = 'resolution_time';
  select id into escalation from public.metric_definitions where organization_id = acme and key = 'escalation';
  select id into latency from public.metric_definitions where organization_id = acme and key = 'latency_p95';
  select id into thumbs from public.metric_definitions where organization_id = acme and key = 'thumbs_up_rate';

  -- The prompt engineer writes a template and the first two experiments.
  perform set_config('request.jwt.claim.sub', pe::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', pe, 'role', 'authenticated')::text, true);
  insert into public.prompt_templates (organization_id, name, description, created_at)
  values (acme, 'Lead qualification opener', 'Opening message for inbound leads, by tone and product line.',
          now() - interval '36 days')
  returning id into opener_template;
  insert into public.prompt_template_versions (organization_id, template_id, body, variables, change_message, created_at)
  values (acme, opener_template,
          E'Hi {{customer_name}}! You are talking to Acme''s {{product_line}} specialist. Keep a {{tone}} tone: '
          || E'ask one question at a time about their team size, budget and timeline before suggesting a product.',
          '[{"name": "customer_name", "type": "text", "description": "First name from the CRM", "default": "there"},
            {"name": "product_line", "type": "text", "description": "Product line the visitor browsed"},
            {"name": "tone", "type": "text", "description": "friendly, consultative or direct"}]',
          'First version', now() - interval '36 days')
  returning id into opener_v1;

  -- 1. Qualify lead: active, 50/50, with a branch trying Claude.
  insert into public.experiments (organization_id, name, hypothesis, capability_id, created_at)
  values (acme, 'Qualify lead: consultative opener',
          'A consultative opener that asks about team size and budget first converts more leads than the current pitch, without slowing answers down.',
          qualify, now() - interval '35 days')
  returning id into e1;
  insert into public.experiment_intents (experiment_id, intent_id, organization_id)
  values (e1, product_question, acme), (e1, price_check, acme);
  insert into public.experiment_actions (experiment_id, action_id, organization_id)
  values (e1, user_lookup, acme), (e1, create_quote, acme);
  insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
  values (e1, conversion, acme, 'primary'), (e1, escalation, acme, 'guardrail'), (e1, latency, acme, 'guardrail');
  insert into public.experiment_versions (organization_id, experiment_id, change_message, provider, model, prompt_text,
    system_prompt, temperature, max_tokens, created_at)
  values (acme, e1, 'Baseline: the prompt in production today', 'openai', 'gpt-4o-mini',
          'Greet the visitor, present our best-selling bundle and ask if they want a quote.',
          'You are Acme Commerce''s sales assistant. Be accurate about prices and never invent discounts.',
          0.7, 400, now() - interval '35 days')
  returning id into e1v1;
  insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, change_message, provider,
    model, template_version_id, template_bindings, system_prompt, temperature, max_tokens, created_at)
  values (acme, e1, e1v1, 'Consultative opener from the shared template', 'openai', 'gpt-4o', opener_v1,
          '{"product_line": "home office", "tone": "consultative"}',
          'You are Acme Commerce''s sales assistant. Be accurate about prices and never invent discounts.',
          0.4, 400, now() - interval '33 days')
  returning id into e1v2;
  insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, branch, change_message,
    provider, model, template_version_id, template_bindings, system_prompt, temperature, max_tokens, params, created_at)
  values (acme, e1, e1v2, 'claude-trial', 'Same opener on Claude, to compare tone and latency', 'anthropic',
          'claude-3-5-sonnet-20241022', opener_v1, '{"product_line": "home office", "tone": "consultative"}',
          'You are Acme Commerce''s sales assistant. Be accurate about prices and never invent discounts.',
          0.4, 400, '{"anthropic_version": "2023-06-01"}', now() - interval '32 days')
  returning id into e1v3;
  insert into public.experiment_variants (organization_id, experiment_id, key, name, version_id, allocation_bp, is_control, position)
  values (acme, e1, 'control', 'Current pitch', e1v1, 5000, true, 0),
         (acme, e1, 'consultative', 'Consultative opener', e1v2, 5000, false, 1);
  update public.experiments set status = 'in_review', submitted_at = now() - interval '31 days',
    status_changed_at = now() - interval '31 days' where id = e1;

  -- 2. Recommend product: three linear versions.
  insert into public.experiments (organization_id, name, hypothesis, capability_id, created_at)
  values (acme, 'Recommend product: concise answers',
          'Shorter answers that search the catalogue raise average order value while keeping CSAT.',
          recommend, now() - interval '21 days')
  returning id into e2;
  insert into public.experiment_intents (experiment_id, intent_id, organization_id) values (e2, product_question, acme);
  insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
  values (e2, aov, acme, 'primary'), (e2, csat, acme, 'guardrail'), (e2, thumbs, acme, 'guardrail');
  insert into public.experiment_versions (organization_id, experiment_id, change_message, provider, model, prompt_text,
    temperature, max_tokens, created_at)
  values (acme, e2, 'Baseline recommendations', 'openai', 'gpt-4o-mini',
          'Recommend up to five products that match the shopper''s request and explain each choice in detail.',
          0.8, 800, now() - interval '21 days')
  returning id into e2v1;
  insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, change_message, provider,
    model, prompt_text, temperature, max_tokens, created_at)
  values (acme, e2, e2v1, 'Concise: three products, one line each', 'openai', 'gpt-4o-mini',
          'Recommend the three products that best match the shopper''s request, one line each, best match first.',
          0.2, 300, now() - interval '20 days')
  returning id into e2v2;
  insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, change_message, provider,
    model, prompt_text, temperature, max_tokens, tools, created_at)
  values (acme, e2, e2v2, 'Search the live catalogue before answering', 'openai', 'gpt-4o-mini',
          'Search the catalogue, then recommend the three products that best match the shopper''s request, one line each.',
          0.2, 300,
          '[{"type": "function", "function": {"name": "search_catalog", "description": "Search Acme''s product catalogue",
             "parameters": {"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}}}]',
          now() - interval '19 days')
  returning id into e2v3;
  insert into public.experiment_variants (organization_id, experiment_id, key, name, version_id, allocation_bp, is_control, position)
  values (acme, e2, 'control', 'Detailed answers', e2v1, 5000, true, 0),
         (acme, e2, 'concise', 'Concise with catalogue search', e2v3, 5000, false, 1);
  update public.experiments set status = 'in_review', submitted_at = now() - interval '18 days',
    status_changed_at = now() - interval '18 days' where id = e2;

  -- 3. Book demo: waiting for review, on Gemini.
  insert into public.experiments (organization_id, name, hypothesis, capability_id, created_at)
  values (acme, 'Book demo: availability first',
          'Offering two concrete demo slots up front books more demos than asking for the visitor''s availability.',
          book, now() - interval '3 days')
  returning id into e3;
  insert into public.experiment_intents (experiment_id, intent_id, organization_id) values (e3, schedule_meeting, acme);
  insert into public.experiment_actions (experiment_id, action_id, organization_id) values (e3, get_availability, acme);
  insert into public.experiment_metrics (experiment_id, metric_id, organization_id, role)
  values (e3, conversion, acme, 'primary'), (e3, resolution, acme, 'guardrail');
  insert into public.experiment_versions (organization_id, experiment_id, change_message, provider, model, prompt_text,
    temperature, max_tokens, created_at)
  values (acme, e3, 'Baseline: ask for availability', 'gemini', 'gemini-1.5-pro',
          'Ask the visitor which days and times suit them for a 30-minute demo, then confirm the booking.',
          0.5, 300, now() - interval '3 days')
  returning id into e3v1;
  insert into public.experiment_versions (organization_id, experiment_id, parent_version_id, change_message, provider,
    model, prompt_text, temperature, max_tokens, stop_sequences, created_at)
  values (acme, e3, e3v1, 'Offer the next two free slots from the calendar', 'gemini', 'gemini-1.5-flash',
          'Look up the sales calendar and offer the next two free 30-minute slots; book the one the visitor picks.',
          0.3, 300, '{"END_BOOKING"}', now() - interval '2 days')
  returning id into e3v2;
  insert into public.experiment_variants (organization_id, experiment_id, key, name, version_id, allocation_bp, is_control, position)
  values (acme, e3, 'control', 'Ask for availability', e3v1, 5000, true, 0),
         (acme, e3, 'slots-first', 'Offer two slots', e3v2, 5000, false, 1);
  update public.experiments set status = 'in_review', submitted_at = now() - interval '1 day',
    status_changed_at = now() - interval '1 day' where id = e3;

  -- The product manager approves the first two; the prompt engineer then starts them.
  perform set_config('request.jwt.claim.sub', pm::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', pm, 'role', 'authenticated')::text, true);
  insert into public.experiment_reviews (organization_id, experiment_id, round, decision, comment, created_at)
  values (acme, e1, 1, 'approved', 'Good hypothesis. Keep an eye on latency: gpt-4o is slower than mini.',
          now() - interval '30 days'),
         (acme, e2, 1, 'approved', 'Approved. Let''s make sure CSAT holds.', now() - interval '17 days');
  insert into public.experiment_comments (organization_id, experiment_id, body, created_at)
  values (acme, e3, 'Looks promising. I will review it tomorrow with the sales lead.', now() - interval '20 hours');

  perform set_config('request.jwt.claim.sub', pe::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', pe, 'role', 'authenticated')::text, true);
  update public.experiments set status = 'active', activated_at = now() - interval '29 days',
    status_changed_at = now() - interval '29 days' where id = e1;
  update public.experiments set status = 'active', activated_at = now() - interval '16 days',
    status_changed_at = now() - interval '16 days' where id = e2;
  insert into public.experiment_comments (organization_id, experiment_id, version_id, body, anchor, created_at)
  values (acme, e1, e1v2, 'The "one question at a time" line is what we are testing.',
          '{"field": "prompt", "start": 98, "end": 124}', now() - interval '33 days');

  -- Deployments. Qualify lead: the baseline, then the experiment on top; quotes stay on the
  -- baseline (a narrower scope).
  perform set_config('request.jwt.claim.sub', pm::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', pm, 'role', 'authenticated')::text, true);
  insert into public.deployments (organization_id, capability_id, version_id, note, deployed_by, deployed_at, superseded_at)
  values (acme, qualify, e1v1, 'Make the reviewed baseline the live prompt', pm,
          now() - interval '29 days', now() - interval '28 days')
  returning id into d1;
  insert into public.deployments (organization_id, capability_id, version_id, experiment_id, note,
    replaced_deployment_id, rollback_to_deployment_id, deployed_by, deployed_at)
  values (acme, qualify, e1v1, e1, 'Start the consultative opener experiment, 50/50', d1, d1, pm, now() - interval '28 days');
  insert into public.deployments (organization_id, capability_id, action_id, version_id, note, deployed_by, deployed_at)
  values (acme, qualify, create_quote, e1v1, 'Quotes stay on the baseline while the opener is tested', pm,
          now() - interval '28 days');

  -- Recommend product: the experiment, then the concise variant promoted, then an incident:
  -- operations rolls back and pauses the experiment.
  insert into public.deployments (organization_id, capability_id, version_id, experiment_id, note, deployed_by,
    deployed_at, superseded_at)
  values (acme, recommend, e2v1, e2, 'Start the concise answers experiment, 50/50', pm,
          now() - interval '16 days', now() - interval '13 days')
  returning id into d1;
  perform set_config('request.jwt.claim.sub', pe::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', pe, 'role', 'authenticated')::text, true);
  insert into public.deployments (organization_id, capability_id, version_id, note, replaced_deployment_id,
    rollback_to_deployment_id, deployed_by, deployed_at, superseded_at)
  values (acme, recommend, e2v3, 'Promote concise answers with catalogue search to everyone: AOV +4% so far', d1, d1, pe,
          now() - interval '13 days', now() - interval '11 days')
  returning id into d2;
  perform set_config('request.jwt.claim.sub', ops::text, true),
          set_config('request.jwt.claims', jsonb_build_object('sub', ops, 'role', 'authenticated')::text, true);
  insert into public.deployments (organization_id, capability_id, version_id, experiment_id, kind, note,
    replaced_deployment_id, restored_deployment_id, deployed_by, deployed_at)
  values (acme, recommend, e2v1, e2, 'rollback',
          'INC-1042: escalations doubled after catalogue-search answers went live. Restoring the previous deployment.',
          d2, d1, ops, now() - interval '11 days');
  update public.experiments set status = 'paused', paused_at = now() - interval '11 days',
    status_changed_at = now() - interval '11 days' where id = e2;
  insert into public.experiment_comments (organization_id, experiment_id, body, created_at)
  values (acme, e2, 'Paused during INC-1042 while we look at the escalations. Everyone gets the detailed answers for now.',
          now() - interval '11 days');

  -- Notifications are dated like the events they announce; old news is read, and the review
  -- request for "Book demo" stays unread.
  update public.notifications n
  set created_at = case n.kind
        when 'review_requested' then e.submitted_at
        when 'experiment_paused' then e.paused_at
        else coalesce((select min(r.created_at) from public.experiment_reviews r where r.experiment_id = e.id),
                      n.created_at)
      end,
      read_at = case when e.id in (e1, e2) then now() end
  from public.experiments e
  where e.id = n.experiment_id and e.organization_id = acme;
  perform set_config('request.jwt.claim.sub', '', true), set_config('request.jwt.claims', '', true);
end;
$seed$;
