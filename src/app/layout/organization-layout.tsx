import { OrganizationGate } from "@/features/organizations";
import { AppShell } from "./app-shell";
import { ShellSkeleton } from "./shell-skeleton";

export function OrganizationLayout() {
  return (
    <OrganizationGate loadingFallback={<ShellSkeleton />}>
      <AppShell />
    </OrganizationGate>
  );
}
