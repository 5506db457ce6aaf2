import { fetchProfilesByIds, personName } from "@/features/profiles";
import { toRequestError } from "@/lib/request-error";
import type { Database } from "@/lib/database.types";
import { supabase } from "@/lib/supabase";
import { scopeId, type ScopeKeys, type ScopeRef } from "../lib/scope";
import { versionLabel } from "../lib/version-label";

type ExperimentStatus = Database["public"]["Enums"]["experiment_status"];

export interface DeployedVariant {
  key: string;
  name: string;
  allocationBp: number;
  isControl: boolean;
  versionLabel: string | null;
}

export interface Deployment {
  id: string;
  kind: "deploy" | "rollback";
  note: string;
  deployedAt: string;
  /** Null when the person has left every organization the viewer shares with them. */
  deployedByName: string | null;
  supersededAt: string | null;
  versionLabel: string | null;
  versionExperimentId: string | null;
  experiment: {
    id: string;
    name: string;
    status: ExperimentStatus;
    variants: DeployedVariant[];
  } | null;
  /** A rollback names the deployment it brought back. */
  restoredDeploymentId: string | null;
  /** Whether rolling back this (live) deployment has somewhere to go. */
  hasPrevious: boolean;
}

export interface DeploymentScope extends ScopeRef, ScopeKeys {
  id: string;
  /** Null when the scope's last deployment was superseded without a replacement (never today). */
  current: Deployment | null;
  /** Newest first, the current deployment included. */
  history: Deployment[];
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((value): value is string => value !== null))];
}

interface ListResponse<Row> {
  data: Row[] | null;
  error: { message: string; code?: string } | null;
  status: number;
}

/** Rows whose id (or other column) is in `ids`; no request at all when there are none. */
async function fetchByIds<Row>(
  ids: string[],
  failure: string,
  request: (ids: string[]) => PromiseLike<ListResponse<Row>>,
): Promise<Row[]> {
  if (ids.length === 0) return [];
  const response = await request(ids);
  if (response.error)
    throw toRequestError(failure, { error: response.error, status: response.status });
  return response.data ?? [];
}

/**
 * Every scope that ever had a deployment, with what is live there now and its history. Tables
 * are read one by one and joined here: their foreign keys are composite (organization, id),
 * which PostgREST embedding does not follow everywhere.
 */
export async function fetchDeploymentScopes(organizationId: string): Promise<DeploymentScope[]> {
  const response = await supabase
    .from("deployments")
    .select(
      "id, capability_id, action_id, intent_id, version_id, experiment_id, kind, note, deployed_by, deployed_at, superseded_at, restored_deployment_id, rollback_to_deployment_id",
    )
    .eq("organization_id", organizationId)
    .order("deployed_at", { ascending: false });
  if (response.error) throw toRequestError("Couldn't load the deployments", response);
  const deployments = response.data;

  const experimentIds = unique(deployments.map((d) => d.experiment_id));
  const [capabilities, actions, intents, variants, people] = await Promise.all([
    fetchByIds(
      unique(deployments.map((d) => d.capability_id)),
      "Couldn't load the capabilities",
      (ids) => supabase.from("capabilities").select("id, key").in("id", ids),
    ),
    fetchByIds(unique(deployments.map((d) => d.action_id)), "Couldn't load the actions", (ids) =>
      supabase.from("actions").select("id, key").in("id", ids),
    ),
    fetchByIds(unique(deployments.map((d) => d.intent_id)), "Couldn't load the intents", (ids) =>
      supabase.from("intents").select("id, key").in("id", ids),
    ),
    fetchByIds(experimentIds, "Couldn't load the experiments' variants", (ids) =>
      supabase
        .from("experiment_variants")
        .select("experiment_id, key, name, allocation_bp, is_control, version_id, position")
        .in("experiment_id", ids)
        .order("position")
        .order("key"),
    ),
    fetchProfilesByIds(deployments.map((d) => d.deployed_by)),
  ]);

  const versionIds = unique([
    ...deployments.map((d) => d.version_id),
    ...variants.map((v) => v.version_id),
  ]);
  const versions = await fetchByIds(versionIds, "Couldn't load the deployed versions", (ids) =>
    supabase.from("experiment_versions").select("id, experiment_id, number, branch").in("id", ids),
  );
  const allExperimentIds = unique([...experimentIds, ...versions.map((v) => v.experiment_id)]);
  const experiments = await fetchByIds(allExperimentIds, "Couldn't load the experiments", (ids) =>
    supabase.from("experiments").select("id, name, status").in("id", ids),
  );

  const keyOf = (rows: Array<{ id: string; key: string }>) =>
    new Map(rows.map((row) => [row.id, row.key]));
  const capabilityKeys = keyOf(capabilities);
  const actionKeys = keyOf(actions);
  const intentKeys = keyOf(intents);
  const experimentsById = new Map(experiments.map((e) => [e.id, e]));
  const labels = new Map(
    versions.map((v) => [
      v.id,
      versionLabel({
        experimentName: experimentsById.get(v.experiment_id)?.name ?? "Unknown experiment",
        number: v.number,
        branch: v.branch,
      }),
    ]),
  );

  const toDeployment = (row: (typeof deployments)[number]): Deployment => {
    const experiment = row.experiment_id ? experimentsById.get(row.experiment_id) : undefined;
    const deployer = row.deployed_by ? people.get(row.deployed_by) : undefined;
    return {
      id: row.id,
      kind: row.kind,
      note: row.note,
      deployedAt: row.deployed_at,
      deployedByName: deployer ? personName(deployer) : null,
      supersededAt: row.superseded_at,
      versionLabel: labels.get(row.version_id) ?? null,
      versionExperimentId: versions.find((v) => v.id === row.version_id)?.experiment_id ?? null,
      experiment: experiment
        ? {
            id: experiment.id,
            name: experiment.name,
            status: experiment.status,
            variants: variants
              .filter((v) => v.experiment_id === experiment.id)
              .map((v) => ({
                key: v.key,
                name: v.name,
                allocationBp: v.allocation_bp,
                isControl: v.is_control,
                versionLabel: labels.get(v.version_id) ?? null,
              })),
          }
        : null,
      restoredDeploymentId: row.restored_deployment_id,
      hasPrevious: row.rollback_to_deployment_id !== null,
    };
  };

  const scopes = new Map<string, DeploymentScope>();
  for (const row of deployments) {
    const ref = {
      capabilityId: row.capability_id,
      actionId: row.action_id,
      intentId: row.intent_id,
    };
    const id = scopeId(ref);
    let scope = scopes.get(id);
    if (!scope) {
      scope = {
        ...ref,
        id,
        capabilityKey: capabilityKeys.get(row.capability_id) ?? "Unknown capability",
        actionKey: row.action_id ? (actionKeys.get(row.action_id) ?? "Unknown action") : null,
        intentKey: row.intent_id ? (intentKeys.get(row.intent_id) ?? "Unknown intent") : null,
        current: null,
        history: [],
      };
      scopes.set(id, scope);
    }
    const deployment = toDeployment(row);
    scope.history.push(deployment);
    if (row.superseded_at === null) scope.current = deployment;
  }
  // Capability first, then the capability-wide scope before narrower ones, as resolve reads them.
  return [...scopes.values()].sort(
    (a, b) =>
      a.capabilityKey.localeCompare(b.capabilityKey) ||
      Number(a.actionKey !== null) - Number(b.actionKey !== null) ||
      Number(a.intentKey !== null) - Number(b.intentKey !== null) ||
      (a.actionKey ?? "").localeCompare(b.actionKey ?? "") ||
      (a.intentKey ?? "").localeCompare(b.intentKey ?? ""),
  );
}
