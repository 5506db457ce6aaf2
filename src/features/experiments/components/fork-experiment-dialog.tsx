import { useRef, useState, type FormEvent } from "react";
import { GitForkIcon } from "lucide-react";
import { useNavigate } from "react-router-dom";
import { toast } from "sonner";
import { z } from "zod";

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
import { useCurrentOrganization } from "@/features/organizations";
import { useZodForm } from "@/lib/use-zod-form";
import type { ExperimentDetail } from "../api/fetch-experiment";
import { useForkExperiment } from "../hooks/use-fork-experiment";
import { HELP } from "./help-tip";

const forkSchema = z.object({
  name: z
    .string()
    .trim()
    .min(3, "Name the fork with at least 3 characters.")
    .max(120, "Keep the name to 120 characters or fewer."),
});

function ForkForm({ experiment, onCancel }: { experiment: ExperimentDetail; onCancel(): void }) {
  const { organization } = useCurrentOrganization();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, register, validate } = useZodForm(forkSchema, {
    name: `${experiment.name} (fork)`,
  });
  const fork = useForkExperiment(organization.id, experiment.id);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = validate(formRef.current);
    if (!values) return;
    fork.mutate(values.name, {
      onSuccess: ({ id }) => {
        toast.success(`Forked into the draft '${values.name}'`);
        navigate(`/o/${organization.slug}/experiments/${id}`);
      },
    });
  }

  return (
    <form ref={formRef} noValidate onSubmit={handleSubmit} className="grid gap-5">
      <FormErrorAlert error={fork.error} />
      <FormField id="fork-name" label="Name" error={errors.name}>
        <Input autoComplete="off" {...register("name")} />
      </FormField>
      <FormDialogFooter
        onCancel={onCancel}
        pending={fork.isPending}
        pendingLabel="Forking"
        submitLabel="Fork"
      />
    </form>
  );
}

export function ForkExperimentDialog({ experiment }: { experiment: ExperimentDetail }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <GitForkIcon aria-hidden="true" />
          Fork experiment
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Fork “{experiment.name}”</DialogTitle>
          <DialogDescription>{HELP.fork}</DialogDescription>
        </DialogHeader>
        {open && <ForkForm experiment={experiment} onCancel={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}
