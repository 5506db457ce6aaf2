import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { format, formatDistanceToNow } from "date-fns";
import { PencilIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { parseTimestamp } from "@/lib/timestamps";
import type { ExperimentComment } from "../api/fetch-comments";
import { useDeleteComment } from "../hooks/use-delete-comment";
import { useUpdateComment } from "../hooks/use-update-comment";
import { commentBodySchema } from "../lib/comment-schema";

export const ANCHOR_LABELS: Record<string, string> = {
  prompt: "the prompt",
  system_prompt: "the system prompt",
  config: "the config",
};

function anchorField(anchor: unknown): string | null {
  return anchor && typeof anchor === "object" && "field" in anchor
    ? String((anchor as { field: unknown }).field)
    : null;
}

function EditCommentForm({
  experimentId,
  comment,
  onDone,
}: {
  experimentId: string;
  comment: ExperimentComment;
  onDone(): void;
}) {
  const { organization } = useCurrentOrganization();
  const [body, setBody] = useState(comment.body);
  const [error, setError] = useState<string>();
  const update = useUpdateComment(organization.id, experimentId);
  const fieldId = `comment-${comment.id}-body`;

  function handleSubmit(event?: FormEvent) {
    event?.preventDefault();
    const parsed = commentBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues[0]!.message);
      return;
    }
    if (parsed.data === comment.body) {
      onDone();
      return;
    }
    update.mutate(
      { commentId: comment.id, body: parsed.data },
      {
        onSuccess: () => {
          toast.success("Saved your comment");
          onDone();
        },
      },
    );
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      // Escape leaves the editor, not whatever surrounds it.
      event.stopPropagation();
      onDone();
    } else if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      handleSubmit();
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="grid gap-2" aria-label="Edit comment">
      <FormErrorAlert error={update.error} />
      <FormField
        id={fieldId}
        label="Your comment"
        description="Ctrl+Enter saves, Escape cancels."
        error={error}
      >
        <Textarea
          name="body"
          rows={3}
          autoFocus
          value={body}
          onKeyDown={handleKeyDown}
          onChange={(event) => {
            setBody(event.target.value);
            setError(undefined);
          }}
        />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={update.isPending}>
          {update.isPending && <Spinner label="Saving" className="text-current" />}
          Save
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * One comment of the discussion. Its author may edit it (any role that comments) and delete it;
 * admins may delete anyone's (moderation), as the database allows.
 */
export function CommentItem({
  experimentId,
  comment,
  versionNumber,
}: {
  experimentId: string;
  comment: ExperimentComment;
  versionNumber: number | undefined;
}) {
  const { organization, can } = useCurrentOrganization();
  const user = useSignedInUser();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const removal = useDeleteComment(organization.id, experimentId);
  const createdAt = parseTimestamp(comment.createdAt);
  const annotated = anchorField(comment.anchor);
  const own = comment.authorId === user.id;
  const author = comment.authorName ?? "Former member";
  const canEdit = own && can("experiments.comment");
  const canDelete = own || can("experiments.moderateComments");

  function stopEditing() {
    setEditing(false);
    // Back to where the keyboard was before editing.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <li
      className="grid gap-1 rounded-lg border bg-card/60 p-3"
      aria-label={`Comment by ${own ? "you" : author}`}
    >
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{author}</span>
        {comment.versionId && <Badge variant="outline">v{versionNumber ?? "?"}</Badge>}
        {annotated && (
          <Badge variant="secondary">Annotation on {ANCHOR_LABELS[annotated] ?? annotated}</Badge>
        )}
        <time dateTime={createdAt.toISOString()} title={format(createdAt, "d MMM yyyy, HH:mm")}>
          {formatDistanceToNow(createdAt, { addSuffix: true })}
        </time>
        {comment.edited && <span>(edited)</span>}
        {!editing && (canEdit || canDelete) && (
          <span className="ml-auto flex gap-1">
            {canEdit && (
              <Button
                ref={editButton}
                variant="ghost"
                size="sm"
                className="h-7"
                aria-label="Edit your comment"
                onClick={() => setEditing(true)}
              >
                <PencilIcon aria-hidden="true" />
                Edit
              </Button>
            )}
            {canDelete && (
              <ConfirmActionDialog
                trigger={
                  <Button
                    variant="ghost"
                    size="sm"
                    className="h-7 text-destructive hover:text-destructive"
                    aria-label={own ? "Delete your comment" : `Delete ${author}'s comment`}
                  >
                    <Trash2Icon aria-hidden="true" />
                    Delete
                  </Button>
                }
                title={own ? "Delete your comment?" : `Delete ${author}'s comment?`}
                description="It disappears from the discussion for everyone. This can't be undone."
                confirmLabel="Delete comment"
                pendingLabel="Deleting"
                destructive
                onConfirm={async () => {
                  await removal.mutateAsync(comment.id);
                  toast.success("Deleted the comment");
                }}
              />
            )}
          </span>
        )}
      </div>
      {editing ? (
        <EditCommentForm experimentId={experimentId} comment={comment} onDone={stopEditing} />
      ) : (
        <p className="text-sm whitespace-pre-wrap">{comment.body}</p>
      )}
    </li>
  );
}
