import { useState, type FormEvent } from "react";
import { MessageSquareIcon } from "lucide-react";

import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useCurrentOrganization } from "@/features/organizations";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { useAddComment } from "../hooks/use-add-comment";
import { useComments } from "../hooks/use-comments";
import { commentBodySchema } from "../lib/comment-schema";
import { ANCHOR_LABELS, CommentItem } from "./comment-item";

const WHOLE_EXPERIMENT = "experiment";

function CommentForm({ experiment }: { experiment: ExperimentDetail }) {
  const { organization } = useCurrentOrganization();
  const [body, setBody] = useState("");
  const [target, setTarget] = useState(WHOLE_EXPERIMENT);
  const [field, setField] = useState("none");
  const [error, setError] = useState<string>();
  const add = useAddComment(organization.id, experiment.id);
  const versionId = target === WHOLE_EXPERIMENT ? null : target;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = commentBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues[0]!.message);
      return;
    }
    add.mutate(
      {
        body: parsed.data,
        versionId,
        anchor: versionId && field !== "none" ? { field } : null,
      },
      { onSuccess: () => setBody("") },
    );
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      className="grid gap-3 rounded-lg border p-4"
      aria-label="Add a comment"
    >
      <FormErrorAlert error={add.error} />
      <div className="flex flex-wrap gap-2">
        <Select value={target} onValueChange={setTarget}>
          <SelectTrigger className="w-64" aria-label="About">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={WHOLE_EXPERIMENT}>The whole experiment</SelectItem>
            {experiment.versions
              .filter((version) => version.experimentId === experiment.id)
              .map((version) => (
                <SelectItem key={version.id} value={version.id}>
                  Version v{version.number} ({version.branch})
                </SelectItem>
              ))}
          </SelectContent>
        </Select>
        {versionId && (
          <Select value={field} onValueChange={setField}>
            <SelectTrigger className="w-56" aria-label="Annotate">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="none">No annotation</SelectItem>
              {Object.entries(ANCHOR_LABELS).map(([key, label]) => (
                <SelectItem key={key} value={key}>
                  Annotate {label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
      </div>
      <FormField id="comment-body" label="Comment" error={error}>
        <Textarea
          name="body"
          rows={3}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            setError(undefined);
          }}
        />
      </FormField>
      <div>
        <Button type="submit" size="sm" disabled={add.isPending}>
          {add.isPending && <Spinner label="Posting" className="text-current" />}
          Post comment
        </Button>
      </div>
    </form>
  );
}

export function DiscussionTab({ experiment }: { experiment: ExperimentDetail }) {
  const { organization, can } = useCurrentOrganization();
  const comments = useComments(organization.id, experiment.id);
  const versionNumbers = new Map(
    experiment.versions.map((version) => [version.id, version.number]),
  );

  let list;
  if (comments.isPending) {
    list = (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading the discussion">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  } else if (comments.isError) {
    list = (
      <QueryErrorAlert
        title="The discussion couldn't be loaded"
        error={comments.error}
        onRetry={() => comments.refetch()}
        isRetrying={comments.isFetching}
      />
    );
  } else if (comments.data.length === 0) {
    list = (
      <EmptyState
        icon={MessageSquareIcon}
        title="No comments yet"
        description="Discuss the hypothesis, a version or a line of its prompt with your team here."
      />
    );
  } else {
    list = (
      <ol aria-label="Comments" className="grid gap-3">
        {comments.data.map((comment) => (
          <CommentItem
            key={comment.id}
            experimentId={experiment.id}
            comment={comment}
            versionNumber={comment.versionId ? versionNumbers.get(comment.versionId) : undefined}
          />
        ))}
      </ol>
    );
  }

  return (
    <div className="grid max-w-3xl gap-4">
      {list}
      {can("experiments.comment") && <CommentForm experiment={experiment} />}
    </div>
  );
}
