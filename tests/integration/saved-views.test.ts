import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSql, asUser } from "./support/db";
import { ensureFixture, type Fixture } from "./support/fixture";

// The rules the permission matrix can't express in one cell: moving a view between scopes, and
// names. Each case runs as the user, in a transaction that is rolled back.

let f: Fixture;

beforeAll(async () => {
  f = await ensureFixture();
});

afterAll(async () => {
  await adminSql.end();
});

async function attempt(
  user: { id: string; email: string },
  query: (tx: Parameters<Parameters<typeof asUser>[1]>[0]) => Promise<readonly unknown[]>,
): Promise<{ rows: number } | { error: string }> {
  return asUser(user, async (tx) => {
    await tx`savepoint attempt`;
    try {
      return { rows: (await query(tx)).length };
    } catch (error) {
      await tx`rollback to savepoint attempt`;
      return { error: (error as { code?: string }).code ?? "unknown" };
    }
  });
}

describe("saved views", () => {
  it("lets no one but product managers and admins turn a personal view into a shared one", async () => {
    const engineer = f.users.engineer;
    const own = f.savedViews.org.personal[engineer.id]!;
    expect(
      await attempt(
        engineer,
        (tx) =>
          tx`update public.saved_views set scope = 'organization' where id = ${own} returning id`,
      ),
    ).toEqual({ error: "42501" });

    const manager = f.users.product_manager;
    const managerOwn = f.savedViews.org.personal[manager.id]!;
    expect(
      await attempt(
        manager,
        (tx) =>
          tx`update public.saved_views set scope = 'organization' where id = ${managerOwn} returning id`,
      ),
    ).toEqual({ rows: 1 });
  });

  it("doesn't let a product manager take a colleague's shared view as a personal one", async () => {
    const admin = f.users.admin;
    // The shared view was saved by the product manager: the admin may edit it, but a personal
    // view must be the caller's own.
    expect(
      await attempt(
        admin,
        (tx) =>
          tx`update public.saved_views set scope = 'personal' where id = ${f.savedViews.org.organization} returning id`,
      ),
    ).toEqual({ error: "42501" });
    expect(
      await attempt(
        admin,
        (tx) =>
          tx`update public.saved_views set owner_id = ${admin.id} where id = ${f.savedViews.org.organization} returning id`,
      ),
    ).toEqual({ error: "42501" });
  });

  it("keeps names unique per person and per organization, ignoring case and spaces", async () => {
    const engineer = f.users.engineer;
    const insert = (name: string, scope: string, user = engineer) =>
      attempt(
        user,
        (tx) =>
          tx`insert into public.saved_views (organization_id, owner_id, scope, name, path, query)
           values (${f.orgId}, ${user.id}, ${scope}, ${name}, '/overview', '') returning id`,
      );
    expect(
      await insert(` matrix personal view of ${engineer.email.toUpperCase()} `, "personal"),
    ).toEqual({
      error: "23505",
    });
    // Another person may use the same name for their own view.
    expect(
      await insert(`Matrix personal view of ${engineer.email}`, "personal", f.users.operations),
    ).toEqual({
      rows: 1,
    });
    expect(await insert("matrix shared view", "organization", f.users.product_manager)).toEqual({
      error: "23505",
    });
  });

  it("lets owners rename their personal views, and only product managers and admins shared ones", async () => {
    const { engineer, admin, product_manager: manager } = f.users;
    const own = f.savedViews.org.personal[engineer.id]!;
    const shared = f.savedViews.org.organization;
    const rename = (user: typeof engineer, id: string, name: string) =>
      attempt(
        user,
        (tx) => tx`update public.saved_views set name = ${name} where id = ${id} returning id`,
      );

    expect(await rename(engineer, own, "Engineer's renamed view")).toEqual({ rows: 1 });
    // Row-level security filters the update instead of failing it: nothing is renamed.
    expect(await rename(engineer, shared, "Renamed by an engineer")).toEqual({ rows: 0 });
    expect(await rename(admin, own, "Renamed by an admin")).toEqual({ rows: 0 });
    expect(await rename(admin, shared, "Renamed by an admin")).toEqual({ rows: 1 });

    // A rename can't take a name already used where the view is listed.
    expect(
      await attempt(engineer, async (tx) => {
        await tx`insert into public.saved_views (organization_id, owner_id, scope, name, path)
                 values (${f.orgId}, ${engineer.id}, 'personal', 'Second view', '/overview')`;
        return tx`update public.saved_views set name = ' SECOND view ' where id = ${own} returning id`;
      }),
    ).toEqual({ error: "23505" });
    expect(
      await attempt(manager, async (tx) => {
        await tx`insert into public.saved_views (organization_id, owner_id, scope, name, path)
                 values (${f.orgId}, ${manager.id}, 'organization', 'Second shared view', '/overview')`;
        return tx`update public.saved_views set name = 'second shared view' where id = ${shared} returning id`;
      }),
    ).toEqual({ error: "23505" });
  });

  it("accepts only a page path under the organization and a query without its question mark", async () => {
    const user = f.users.operations;
    const insert = (path: string, query: string) =>
      attempt(
        user,
        (tx) =>
          tx`insert into public.saved_views (organization_id, owner_id, scope, name, path, query)
           values (${f.orgId}, ${user.id}, 'personal', ${`Path ${path}${query}`}, ${path}, ${query}) returning id`,
      );
    expect(await insert("/overview/drill", "metric=csat&range=1M")).toEqual({ rows: 1 });
    expect(await insert("https://evil.example/x", "")).toEqual({ error: "23514" });
    expect(await insert("/overview", "?range=1M")).toEqual({ error: "23514" });
  });
});
