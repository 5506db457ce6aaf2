import { useRef, useState, type FormEvent } from "react";
import { UserPlusIcon } from "lucide-react";
import { toast } from "sonner";

import { FormDialogFooter } from "@/components/form-dialog";
import { FormErrorAlert } from "@/components/form-error-alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/features/auth";
import { focusFirstInvalidField, parseForm, type FieldErrors } from "@/lib/form";
import type { AppRole } from "@/lib/supabase";
import { useInviteMember } from "../hooks/use-invite-member";
import { inviteMemberSchema, type InviteMemberFormValues } from "../lib/invite-member-schema";
import { RoleSelect } from "./role-select";

const EMPTY_FORM: InviteMemberFormValues = { email: "", role: "" };

interface InviteMemberDialogProps {
  organizationId: string;
  organizationName: string;
  invitedBy: string;
  /** Lowercased emails of current members: inviting them again would do nothing. */
  memberEmails: ReadonlySet<string>;
}

export function InviteMemberDialog({
  organizationId,
  organizationName,
  invitedBy,
  memberEmails,
}: InviteMemberDialogProps) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors<InviteMemberFormValues>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const invite = useInviteMember(organizationId);

  function update(field: keyof InviteMemberFormValues, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setValues(EMPTY_FORM);
      setErrors({});
      invite.reset();
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseForm(inviteMemberSchema, values);
    if (!result.success) {
      setErrors(result.errors);
      focusFirstInvalidField(formRef.current, result.errors);
      return;
    }
    const { email, role } = result.data;
    if (memberEmails.has(email)) {
      const memberError = { email: `${email} is already a member of ${organizationName}.` };
      setErrors(memberError);
      focusFirstInvalidField(formRef.current, memberError);
      return;
    }
    invite.mutate(
      { email, role, invitedBy },
      {
        onSuccess: () => {
          toast.success(`Invited ${email} as ${ROLE_LABELS[role]}`);
          handleOpenChange(false);
        },
      },
    );
  }

  const chosenRole = values.role ? (values.role as AppRole) : null;

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlusIcon aria-hidden="true" />
          Invite member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite a member</DialogTitle>
          <DialogDescription>
            They join {organizationName} with this role as soon as they sign up, or sign in, with
            this email address. Causeway doesn't email them, so let them know. The invitation
            expires after 14 days.
          </DialogDescription>
        </DialogHeader>
        <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
          <FormErrorAlert error={invite.error} />
          <FormField id="invite-email" label="Email" error={errors.email}>
            <Input
              name="email"
              type="email"
              autoComplete="off"
              placeholder="name@company.com"
              value={values.email}
              onChange={(event) => update("email", event.target.value)}
            />
          </FormField>
          <FormField
            id="invite-role"
            label="Role"
            error={errors.role}
            description={chosenRole ? ROLE_DESCRIPTIONS[chosenRole] : undefined}
          >
            <RoleSelect
              name="role"
              className="w-full"
              value={chosenRole ?? ""}
              onValueChange={(role) => update("role", role)}
            />
          </FormField>
          <FormDialogFooter
            onCancel={() => handleOpenChange(false)}
            pending={invite.isPending}
            pendingLabel="Inviting"
            submitLabel="Invite"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
