import { Spinner } from "@/components/ui/spinner";

/** Fills the viewport while something the whole page depends on (the session, the organization) loads. */
export function FullPageSpinner() {
  return (
    <div className="flex min-h-dvh items-center justify-center bg-app-gradient">
      <Spinner label="Loading Causeway" className="text-3xl text-primary" />
    </div>
  );
}
