import { useState } from "react";
import { format, formatDistanceToNow } from "date-fns";
import { AlertCircleIcon, UsersIcon, XIcon } from "lucide-react";

import { QueryErrorAlert } from "@/components/query-error-alert";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { ROLE_LABELS } from "@/features/auth";
import { errorMessage } from "@/lib/request-error";
import type { AppRole } from "@/lib/supabase";
import { parseTimestamp } from "@/lib/timestamps";
import type { Member } from "../api/fetch-members";
import { useChangeMemberRole, type RoleChange } from "../hooks/use-change-member-role";
import { useMembers } from "../hooks/use-members";
import { rolesSelectableForSelf } from "../lib/selectable-roles";
import { RemoveMemberDialog } from "./remove-member-dialog";
import { RoleSelect } from "./role-select";
import { StepDownDialog } from "./step-down-dialog";

const SKELETON_ROWS = 4;

function MembersHead() {
  return (
    <TableHeader>
      <TableRow className="hover:bg-transparent">
        <TableHead>Member</TableHead>
        <TableHead>Role</TableHead>
        <TableHead>Joined</TableHead>
        <TableHead>
          <span className="sr-only">Actions</span>
        </TableHead>
      </TableRow>
    </TableHeader>
  );
}

function MembersSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading members">
      <MembersHead />
      <TableBody>
        {Array.from({ length: SKELETON_ROWS }, (_, index) => (
          <TableRow key={index} className="hover:bg-transparent">
            <TableCell>
              <Skeleton className="h-4 w-32" />
              <Skeleton className="mt-1.5 h-3 w-44" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-9 w-44" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-24" />
            </TableCell>
            <TableCell>
              <Skeleton className="ml-auto h-8 w-20" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

interface MembersTableProps {
  organizationId: string;
  organizationName: string;
  signedInUserId: string;
  /** After the signed-in admin stepped down: their access to this page is gone. */
  onSteppedDown(): Promise<void>;
  /** After the signed-in user left the organization. */
  onLeft(): Promise<void>;
}

export function MembersTable({
  organizationId,
  organizationName,
  signedInUserId,
  onSteppedDown,
  onLeft,
}: MembersTableProps) {
  const members = useMembers(organizationId);
  const roleChange = useChangeMemberRole(organizationId);
  const [stepDownRole, setStepDownRole] = useState<AppRole | null>(null);

  if (members.isPending) return <MembersSkeleton />;
  if (members.isError) {
    return (
      <QueryErrorAlert
        title="The members couldn't be loaded"
        error={members.error}
        onRetry={() => members.refetch()}
        isRetrying={members.isFetching}
      />
    );
  }
  if (members.data.length === 0) {
    return (
      <EmptyState
        icon={UsersIcon}
        title="No members to show"
        description="Invite people with the button above. They appear here as soon as they sign up or sign in with the invited email."
      />
    );
  }

  function changeRole(member: Member, role: AppRole) {
    if (role === member.role) return;
    roleChange.reset();
    const isSelf = member.userId === signedInUserId;
    // Giving up admin rights can't be undone by the person themselves, so ask first.
    if (isSelf && member.role === "admin" && role !== "admin") {
      setStepDownRole(role);
      return;
    }
    roleChange.mutate({ userId: member.userId, role });
  }

  function confirmStepDown(role: AppRole) {
    setStepDownRole(null);
    roleChange.mutate({ userId: signedInUserId, role }, { onSuccess: () => onSteppedDown() });
  }

  const failedChange: RoleChange | undefined = roleChange.isError
    ? roleChange.variables
    : undefined;
  const failedMember = failedChange && members.data.find((m) => m.userId === failedChange.userId);

  return (
    <div className="grid grid-cols-1 gap-4">
      {roleChange.isError && (
        <Alert variant="destructive">
          <AlertCircleIcon />
          <AlertTitle>
            {!failedMember
              ? "The role wasn't changed"
              : failedMember.userId === signedInUserId
                ? `You are still ${ROLE_LABELS[failedMember.role]}`
                : `${failedMember.name ?? "This member"} is still ${ROLE_LABELS[failedMember.role]}`}
          </AlertTitle>
          <AlertDescription>{errorMessage(roleChange.error)}</AlertDescription>
          <Button
            variant="ghost"
            size="icon"
            className="absolute top-1.5 right-1.5 size-7"
            aria-label="Dismiss"
            onClick={() => roleChange.reset()}
          >
            <XIcon />
          </Button>
        </Alert>
      )}
      <div className="rounded-xl border">
        <Table>
          <MembersHead />
          <TableBody>
            {members.data.map((member) => {
              const isSelf = member.userId === signedInUserId;
              const pendingRole =
                roleChange.isPending && roleChange.variables.userId === member.userId
                  ? roleChange.variables.role
                  : null;
              const joinedAt = parseTimestamp(member.joinedAt);
              return (
                <TableRow key={member.userId}>
                  <TableCell className="max-w-72">
                    <div className="flex items-center gap-2">
                      <span className="truncate font-medium">{member.name ?? "Unknown user"}</span>
                      {isSelf && <Badge variant="outline">You</Badge>}
                    </div>
                    {member.email && member.email !== member.name && (
                      <div className="truncate text-xs text-muted-foreground">{member.email}</div>
                    )}
                  </TableCell>
                  <TableCell>
                    <RoleSelect
                      aria-label={isSelf ? "Your role" : `Role of ${member.name ?? "this member"}`}
                      value={pendingRole ?? member.role}
                      roles={isSelf ? rolesSelectableForSelf(member.role) : undefined}
                      disabled={pendingRole !== null}
                      onValueChange={(role) => changeRole(member, role)}
                    />
                  </TableCell>
                  <TableCell>
                    <time
                      dateTime={joinedAt.toISOString()}
                      title={formatDistanceToNow(joinedAt, { addSuffix: true })}
                    >
                      {format(joinedAt, "d MMM yyyy")}
                    </time>
                  </TableCell>
                  <TableCell className="text-right">
                    <RemoveMemberDialog
                      organizationId={organizationId}
                      organizationName={organizationName}
                      member={member}
                      isSelf={isSelf}
                      onLeft={onLeft}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <StepDownDialog
        role={stepDownRole}
        organizationName={organizationName}
        onConfirm={confirmStepDown}
        onCancel={() => setStepDownRole(null)}
      />
    </div>
  );
}
