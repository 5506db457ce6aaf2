import { useState, type FormEvent } from "react";
import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { useReviewExperiment } from "../hooks/use-review-experiment";
import { useTransitionExperiment } from "../hooks/use-transition-experiment";
import { experimentAuthors } from "../lib/experiment-authors";
import {
  availableLifecycleActions,
  TRANSITION_TARGETS,
  type TransitionAction,
} from "../lib/lifecycle-actions";

const TRANSITION_COPY: Record<
  TransitionAction,
  { label: string; title: string; description: string; done: string; destructive?: boolean }
> = {
  submit: {
    label: "Submit for review",
    title: "Submit for review?",
    description:
      "The draft is frozen while it is reviewed, and product managers and admins who are not its authors are notified.",
    done: "Submitted for review",
  },
  withdraw: {
    label: "Withdraw",
    title: "Withdraw from review?",
    description:
      "It goes back to draft so you can change it. Approvals given so far won't count for the next round.",
    done: "Withdrawn: back to draft",
  },
  activate: {
    label: "Activate",
    title: "Activate the experiment?",
    description:
      "Once it is deployed on its scope, its variants receive traffic by allocation. Its authors are notified.",
    done: "Activated",
  },
  pause: {
    label: "Pause",
    title: "Pause the experiment?",
    description:
      "It stops assigning variants at once: everyone gets the deployment's baseline version until it is resumed.",
    done: "Paused",
  },
  resume: {
    label: "Resume",
    title: "Resume the experiment?",
    description: "Traffic is split across its variants again, with the same sticky assignment.",
    done: "Resumed",
  },
  archive: {
    label: "Archive",
    title: "Archive the experiment?",
    description:
      "Archiving is final: it stops assigning and can't be changed again. Fork it to continue the work.",
    done: "Archived",
    destructive: true,
  },
};

function TransitionButton({
  experiment,
  action,
}: {
  experiment: ExperimentDetail;
  action: TransitionAction;
}) {
  const { organization } = useCurrentOrganization();
  const transition = useTransitionExperiment(organization.id, experiment.id);
  const copy = TRANSITION_COPY[action];

  return (
    <ConfirmActionDialog
      trigger={
        <Button
          variant={
            copy.destructive
              ? "outline"
              : action === "pause" || action === "withdraw"
                ? "outline"
                : "default"
          }
          size="sm"
        >
          {copy.label}
        </Button>
      }
      title={copy.title}
      description={`“${experiment.name}”. ${copy.description}`}
      confirmLabel={copy.label}
      pendingLabel="Working"
      destructive={copy.destructive}
      onConfirm={async () => {
        await transition.mutateAsync(TRANSITION_TARGETS[action]);
        toast.success(`${copy.done}: '${experiment.name}'`);
      }}
    />
  );
}

function ReviewButton({
  experiment,
  decision,
}: {
  experiment: ExperimentDetail;
  decision: "approved" | "changes_requested";
}) {
  const { organization } = useCurrentOrganization();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const review = useReviewExperiment(organization.id);
  const approving = decision === "approved";
  const label = approving ? "Approve" : "Request changes";

  function handleOpenChange(next: boolean) {
    if (review.isPending) return;
    setOpen(next);
    if (!next) {
      review.reset();
      setComment("");
      setError(undefined);
    }
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    // The database requires a comment with a change request; an approval may go without.
    if (!approving && comment.trim() === "") {
      setError("Say which changes you are requesting, so the authors know what to do.");
      return;
    }
    review.mutate(
      { experimentId: experiment.id, decision, comment: comment.trim() },
      {
        onSuccess: () => {
          toast.success(
            approving
              ? `Approved '${experiment.name}'`
              : `Requested changes to '${experiment.name}'`,
          );
          setOpen(false);
        },
      },
    );
  }

  return (
    <AlertDialog open={open} onOpenChange={handleOpenChange}>
      <AlertDialogTrigger asChild>
        <Button variant={approving ? "default" : "outline"} size="sm">
          {label}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form noValidate onSubmit={handleSubmit} className="grid gap-4">
          <AlertDialogHeader>
            <AlertDialogTitle>
              {approving
                ? `Approve '${experiment.name}'?`
                : `Request changes to '${experiment.name}'?`}
            </AlertDialogTitle>
            <AlertDialogDescription>
              {approving
                ? "Your approval counts for this review round. Once there are enough, an editor can activate it."
                : "It goes back to draft for its authors to change and submit again; approvals of this round no longer count."}
            </AlertDialogDescription>
          </AlertDialogHeader>
          <FormErrorAlert error={review.error} />
          <FormField
            id="review-comment"
            label={approving ? "Comment (optional)" : "What should change?"}
            error={error}
          >
            <Textarea
              name="comment"
              rows={3}
              value={comment}
              onChange={(event) => {
                setComment(event.target.value);
                setError(undefined);
              }}
            />
          </FormField>
          <AlertDialogFooter>
            <AlertDialogCancel type="button" disabled={review.isPending}>
              Cancel
            </AlertDialogCancel>
            <Button type="submit" disabled={review.isPending}>
              {review.isPending && <Spinner label="Saving the review" className="text-current" />}
              {label}
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** The lifecycle buttons the signed-in person may use on this experiment, in its state. */
export function LifecycleActions({
  experiment,
  requiredApprovals,
}: {
  experiment: ExperimentDetail;
  requiredApprovals: number;
}) {
  const { role } = useCurrentOrganization();
  const user = useSignedInUser();
  const currentRound = experiment.reviews.filter(
    (review) => review.round === experiment.reviewRound,
  );
  const actions = availableLifecycleActions({
    role,
    status: experiment.status,
    isAuthor: experimentAuthors(experiment).has(user.id),
    hasReviewedThisRound: currentRound.some((review) => review.reviewerId === user.id),
    approvals: currentRound.filter((review) => review.decision === "approved").length,
    requiredApprovals,
  });
  if (actions.length === 0) return null;
  return (
    <div role="group" aria-label="Lifecycle actions" className="flex flex-wrap items-center gap-2">
      {actions.map((action) =>
        action === "approve" || action === "request_changes" ? (
          <ReviewButton
            key={action}
            experiment={experiment}
            decision={action === "approve" ? "approved" : "changes_requested"}
          />
        ) : (
          <TransitionButton key={action} experiment={experiment} action={action} />
        ),
      )}
    </div>
  );
}
