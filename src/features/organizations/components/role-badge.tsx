import { ROLE_LABELS } from "@/features/auth";
import { Badge } from "@/components/ui/badge";
import type { AppRole } from "@/lib/supabase";
import { cn } from "@/lib/utils";

export function RoleBadge({ role, className }: { role: AppRole; className?: string }) {
  return (
    <Badge
      variant="outline"
      className={cn(
        "border-primary/40 bg-primary/10 text-primary",
        role === "admin" && "border-transparent bg-primary text-primary-foreground",
        className,
      )}
    >
      {ROLE_LABELS[role]}
    </Badge>
  );
}
