import { Skeleton } from "@/components/ui/skeleton";

/** The shell's outline while the organization loads, so the page doesn't jump when it arrives. */
export function ShellSkeleton() {
  return (
    <div className="min-h-dvh bg-app-gradient" aria-busy="true" aria-label="Loading organization">
      <div className="fixed inset-y-0 left-0 hidden w-64 flex-col gap-6 border-r border-sidebar-border bg-sidebar/90 px-5 py-5 lg:flex">
        <Skeleton className="h-8 w-36" />
        <div className="grid gap-2">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </div>
      </div>
      <div className="lg:pl-64">
        <div className="flex h-16 items-center gap-3 border-b border-border/70 px-4 md:px-6">
          <Skeleton className="h-10 w-56" />
          <Skeleton className="ml-auto h-8 w-24" />
          <Skeleton className="size-9 rounded-full" />
        </div>
        <div className="mx-auto grid max-w-7xl gap-6 px-4 py-8 md:px-6 lg:px-8">
          <Skeleton className="h-9 w-72" />
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            <Skeleton className="h-36" />
            <Skeleton className="h-36" />
            <Skeleton className="h-36" />
            <Skeleton className="h-36" />
          </div>
        </div>
      </div>
    </div>
  );
}
