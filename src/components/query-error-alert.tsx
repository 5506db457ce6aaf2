import { AlertTriangle, RotateCw } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/request-error";

interface QueryErrorAlertProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
  isRetrying?: boolean;
  className?: string;
}

/** A failed load, its reason, and a way to try again. */
export function QueryErrorAlert({
  title,
  error,
  onRetry,
  isRetrying,
  className,
}: QueryErrorAlertProps) {
  return (
    <Alert variant="destructive" className={className}>
      <AlertTriangle />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{errorMessage(error)}</p>
        {onRetry ? (
          <Button
            variant="outline"
            size="sm"
            className="mt-2"
            onClick={onRetry}
            disabled={isRetrying}
          >
            <RotateCw className={isRetrying ? "animate-spin" : undefined} />
            Try again
          </Button>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}
