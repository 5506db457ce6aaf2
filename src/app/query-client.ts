import { QueryClient } from "@tanstack/react-query";

import { isRetryableError } from "@/lib/request-error";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Dashboards are read far more than they change; 30 s avoids refetching on every
        // navigation while keeping what people see recent.
        staleTime: 30_000,
        // postgrest-js already retries reads that failed on the network, so one more attempt is
        // enough; errors that can't improve (permissions, bad input) are not retried at all.
        retry: (failureCount, error) => failureCount < 1 && isRetryableError(error),
      },
      mutations: { retry: false },
    },
  });
}
