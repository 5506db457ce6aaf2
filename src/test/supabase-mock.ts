import { vi } from "vitest";

/**
 * Stands in for `@/lib/supabase` in component tests: `vi.mock("@/lib/supabase", () =>
 * import("@/test/supabase-mock"))`. Only the auth calls have working defaults (signed out);
 * database access throws, because component tests stub their data at the fetcher, and the
 * database itself is exercised by the integration and e2e suites.
 */
export const supabase = {
  auth: {
    getSession: vi.fn(async () => ({ data: { session: null }, error: null })),
    onAuthStateChange: vi.fn(() => ({ data: { subscription: { unsubscribe: vi.fn() } } })),
    signInWithPassword: vi.fn(),
    signUp: vi.fn(),
    resetPasswordForEmail: vi.fn(),
    updateUser: vi.fn(),
    signOut: vi.fn(),
  },
  from: vi.fn((table: string) => {
    throw new Error(`Component tests don't query "${table}": stub the fetcher instead.`);
  }),
  rpc: vi.fn((name: string) => {
    throw new Error(`Component tests don't call "${name}": stub the fetcher instead.`);
  }),
};
