import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { Bookmark, ChevronDown, Trash2, Users } from "lucide-react";

import { ConfirmActionDialog } from "@/components/confirm-action-dialog";
import { CopyButton } from "@/components/copy-button";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { useDeleteSavedView } from "../hooks/use-delete-saved-view";
import { useSavedViews } from "../hooks/use-saved-views";
import { viewHref, type SavedView } from "../lib/saved-view";
import { RenameViewDialog } from "./rename-view-dialog";
import { SaveViewDialog } from "./save-view-dialog";

/** Save the current view, and open, share, rename or delete saved ones (yours and the organization's). */
export function SavedViewsMenu() {
  const [open, setOpen] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <SaveViewDialog />
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger asChild>
          <Button variant="outline" size="sm">
            <Bookmark aria-hidden="true" />
            Views
            <ChevronDown aria-hidden="true" />
          </Button>
        </PopoverTrigger>
        <PopoverContent
          align="end"
          className="w-96 p-0"
          aria-label="Saved views"
          // Focus moves into the rename dialog or delete confirmation, outside this popover: that
          // must not close the list (and with it the dialog). Clicks outside and Escape still do.
          onFocusOutside={(event) => event.preventDefault()}
        >
          {open ? <SavedViewList onOpen={() => setOpen(false)} /> : null}
        </PopoverContent>
      </Popover>
    </div>
  );
}

function SavedViewList({ onOpen }: { onOpen: () => void }) {
  const { organization } = useCurrentOrganization();
  const views = useSavedViews(organization.id);
  if (views.isPending) {
    return (
      <div className="grid gap-2 p-4" aria-label="Loading saved views">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
      </div>
    );
  }
  if (views.isError) {
    return (
      <div className="p-3">
        <QueryErrorAlert
          title="Couldn't load the saved views"
          error={views.error}
          onRetry={() => void views.refetch()}
        />
      </div>
    );
  }
  const personal = views.data.filter((view) => view.scope === "personal");
  const shared = views.data.filter((view) => view.scope === "organization");
  return (
    <div className="grid max-h-[28rem] gap-1 overflow-y-auto p-2">
      <ViewGroup
        title="Your views"
        views={personal}
        empty="Views you save for yourself appear here."
        onOpen={onOpen}
      />
      <ViewGroup
        title={`Shared with ${organization.name}`}
        views={shared}
        empty="No shared views yet. Product managers and admins can share a view with everyone."
        onOpen={onOpen}
      />
    </div>
  );
}

interface ViewGroupProps {
  title: string;
  views: SavedView[];
  empty: string;
  onOpen: () => void;
}

function ViewGroup({ title, views, empty, onOpen }: ViewGroupProps) {
  return (
    <section aria-label={title} className="grid gap-1">
      <h3 className="px-2 pt-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        {title}
      </h3>
      {views.length === 0 ? (
        <p className="px-2 pb-2 text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ul className="grid">
          {views.map((view) => (
            <SavedViewItem key={view.id} view={view} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SavedViewItem({ view, onOpen }: { view: SavedView; onOpen: () => void }) {
  const { organization, can } = useCurrentOrganization();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const deletion = useDeleteSavedView(organization.id);
  const href = viewHref(view, organization.slug);
  const canEdit = view.scope === "personal" ? view.ownerId === user.id : can("savedViews.share");
  return (
    <li className="flex items-center gap-1 rounded-md px-2 py-1 hover:bg-accent/60">
      {view.scope === "organization" ? (
        <Users className="size-3.5 shrink-0 text-muted-foreground" aria-label="Shared" />
      ) : null}
      <Link
        to={href}
        onClick={(event) => {
          event.preventDefault();
          onOpen();
          navigate(href);
        }}
        className="min-w-0 flex-1 truncate rounded-sm text-sm font-medium outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
        title={href}
      >
        {view.name}
      </Link>
      <CopyButton value={`${window.location.origin}${href}`} label={`link to ${view.name}`} />
      {canEdit ? (
        <>
          <RenameViewDialog view={view} />
          <ConfirmActionDialog
            trigger={
              <Button
                variant="ghost"
                size="icon"
                className="size-7"
                aria-label={`Delete ${view.name}`}
              >
                <Trash2 aria-hidden="true" />
              </Button>
            }
            title={`Delete “${view.name}”?`}
            description={
              view.scope === "organization"
                ? "The view disappears for everyone in the organization. Links already shared keep working: they hold the whole view."
                : "Links you copied from it keep working: they hold the whole view."
            }
            confirmLabel="Delete view"
            pendingLabel="Deleting the view"
            destructive
            onConfirm={() => deletion.mutateAsync(view.id)}
          />
        </>
      ) : null}
    </li>
  );
}
