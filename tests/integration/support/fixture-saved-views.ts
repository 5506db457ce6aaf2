import { adminSql } from "./db";
import type { FixtureUser } from "./fixture";

export interface SavedViewIds {
  /** Each user's personal view, by user id (every matrix user, the scratch member, the foreign admin). */
  personal: Record<string, string>;
  /** The organization's shared view. */
  organization: string;
}

/**
 * Puts back one personal view per user and one shared view in each organization. Saved views are
 * written as superuser, so a personal view exists even for the non-member (whose reads must fail).
 */
export async function resetSavedViewsFixture(
  orgs: { orgId: string; owners: FixtureUser[]; sharedBy: FixtureUser }[],
): Promise<SavedViewIds[]> {
  await adminSql`delete from public.saved_views where organization_id in ${adminSql(orgs.map((o) => o.orgId))}`;
  const result: SavedViewIds[] = [];
  for (const { orgId, owners, sharedBy } of orgs) {
    const rows = [
      ...owners.map((owner) => ({
        organization_id: orgId,
        owner_id: owner.id,
        scope: "personal",
        name: `Matrix personal view of ${owner.email}`,
        path: "/overview",
        query: "range=1M",
      })),
      {
        organization_id: orgId,
        owner_id: sharedBy.id,
        scope: "organization",
        name: "Matrix shared view",
        path: "/overview",
        query: "range=3M&metrics=conversion",
      },
    ];
    const inserted = await adminSql<{ id: string; owner_id: string; scope: string }[]>`
      insert into public.saved_views ${adminSql(rows)} returning id, owner_id, scope`;
    result.push({
      personal: Object.fromEntries(
        inserted.filter((row) => row.scope === "personal").map((row) => [row.owner_id, row.id]),
      ),
      organization: inserted.find((row) => row.scope === "organization")!.id,
    });
  }
  return result;
}
