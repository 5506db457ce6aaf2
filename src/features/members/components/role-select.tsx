import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "@/components/ui/select";
import { ROLE_LABELS, ROLES } from "@/features/auth";
import type { AppRole } from "@/lib/supabase";
import { cn } from "@/lib/utils";

interface RoleSelectProps {
  value: AppRole | "";
  onValueChange(role: AppRole): void;
  /** Defaults to every role. */
  roles?: readonly AppRole[];
  disabled?: boolean;
  className?: string;
  // Set by FormField, or directly where the select has no visible label (a table cell). `name`
  // lets a form focus the trigger when the role is missing.
  id?: string;
  name?: string;
  "aria-label"?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
}

export function RoleSelect({
  value,
  onValueChange,
  roles = ROLES,
  disabled,
  className,
  ...triggerProps
}: RoleSelectProps) {
  return (
    <Select
      value={value}
      onValueChange={(next) => onValueChange(next as AppRole)}
      disabled={disabled}
    >
      <SelectTrigger className={cn("w-44", className)} {...triggerProps}>
        <SelectValue placeholder="Choose a role" />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role}>
            {ROLE_LABELS[role]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
