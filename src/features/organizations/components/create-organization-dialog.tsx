import { useNavigate } from "react-router-dom";
import { toast } from "sonner";

import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { CreateOrganizationForm } from "./create-organization-form";

interface CreateOrganizationDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function CreateOrganizationDialog({ open, onOpenChange }: CreateOrganizationDialogProps) {
  const navigate = useNavigate();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create an organization</DialogTitle>
          <DialogDescription>
            You'll be its admin, and can invite your team once it exists.
          </DialogDescription>
        </DialogHeader>
        <CreateOrganizationForm
          id="create-organization-dialog"
          autoFocus
          onCancel={() => onOpenChange(false)}
          onCreated={(organization) => {
            onOpenChange(false);
            toast.success(`Created ${organization.name}. You're its admin.`);
            navigate(`/o/${organization.slug}/overview`);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
