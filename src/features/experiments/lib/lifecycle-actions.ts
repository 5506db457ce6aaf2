import { hasCapability } from "@/features/auth";
import type { AppRole } from "@/lib/supabase";
import type { ExperimentStatus } from "./experiment-status";

export type LifecycleAction =
  | "submit"
  | "withdraw"
  | "approve"
  | "request_changes"
  | "activate"
  | "pause"
  | "resume"
  | "archive";

export interface LifecycleContext {
  role: AppRole;
  status: ExperimentStatus;
  /** Whether the signed-in person created the experiment or a version its variants use. */
  isAuthor: boolean;
  /** Whether they already reviewed in the current round (the database allows one review). */
  hasReviewedThisRound: boolean;
  approvals: number;
  requiredApprovals: number;
}

/**
 * The lifecycle buttons to offer, in the order the header shows them. Mirrors the transition
 * rules of docs/experiments.md and the matrix of docs/permissions.md, so nobody is offered a
 * move the database would refuse; the database still checks every one.
 */
export function availableLifecycleActions(context: LifecycleContext): LifecycleAction[] {
  const { role, status } = context;
  const canEdit = hasCapability(role, "experiments.edit");
  const actions: LifecycleAction[] = [];
  switch (status) {
    case "draft":
      if (canEdit) actions.push("submit");
      break;
    case "in_review":
      if (
        hasCapability(role, "experiments.approve") &&
        !context.isAuthor &&
        !context.hasReviewedThisRound
      ) {
        actions.push("approve", "request_changes");
      }
      if (canEdit && context.approvals >= context.requiredApprovals) actions.push("activate");
      if (canEdit) actions.push("withdraw");
      break;
    case "active":
      if (hasCapability(role, "experiments.pause")) actions.push("pause");
      break;
    case "paused":
      if (canEdit) actions.push("resume");
      break;
    case "archived":
      return actions;
  }
  if (canEdit) actions.push("archive");
  return actions;
}

/** The status each transition moves to (reviews move through review_experiment instead). */
export const TRANSITION_TARGETS = {
  submit: "in_review",
  withdraw: "draft",
  activate: "active",
  pause: "paused",
  resume: "active",
  archive: "archived",
} as const satisfies Partial<Record<LifecycleAction, ExperimentStatus>>;

export type TransitionAction = keyof typeof TRANSITION_TARGETS;
