import { createBrowserRouter, Outlet, type RouteObject } from "react-router-dom";

import {
  ForgotPasswordPage,
  RedirectIfSignedIn,
  RequireAuth,
  ResetPasswordPage,
} from "@/features/auth";
import { LastOrganizationRedirect, RequireCapability, WelcomePage } from "@/features/organizations";
import type { Capability } from "@/features/auth";
import { FullPageSpinner } from "@/components/full-page-spinner";
import { OrganizationLayout } from "./layout/organization-layout";
import { RootLayout } from "./layout/root-layout";
import { NotFoundPage } from "./pages/not-found-page";
import { OrganizationNotFoundPage } from "./pages/organization-not-found-page";
import { PageErrorState } from "./pages/page-error-state";
import { RootErrorPage } from "./pages/root-error-page";
import { RedirectToOverview } from "./routes/redirect-to-overview";
import { SignInRoute } from "./routes/sign-in-route";
import { SignUpRoute } from "./routes/sign-up-route";

/** A page only roles with `capability` may open; its code loads on first visit. */
function capabilityRoute(
  path: string,
  capability: Capability,
  lazy: NonNullable<RouteObject["lazy"]>,
): RouteObject {
  return {
    path,
    element: (
      <RequireCapability capability={capability}>
        <Outlet />
      </RequireCapability>
    ),
    children: [{ index: true, lazy }],
  };
}

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RootErrorPage />,
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      {
        element: <RedirectIfSignedIn />,
        children: [
          { path: "sign-in", element: <SignInRoute /> },
          { path: "sign-up", element: <SignUpRoute /> },
          { path: "forgot-password", element: <ForgotPasswordPage /> },
        ],
      },
      // Not behind either guard: the recovery link signs the person in to reach this page.
      { path: "reset-password", element: <ResetPasswordPage /> },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <LastOrganizationRedirect /> },
          { path: "welcome", element: <WelcomePage /> },
          {
            path: "o/:orgSlug",
            element: <OrganizationLayout />,
            children: [
              {
                errorElement: <PageErrorState />,
                children: [
                  { index: true, element: <RedirectToOverview /> },
                  {
                    path: "overview",
                    lazy: async () => ({
                      Component: (await import("@/features/overview")).OverviewPage,
                    }),
                  },
                  {
                    path: "overview/drill",
                    lazy: async () => ({
                      Component: (await import("@/features/dashboards")).DrillDownPage,
                    }),
                  },
                  {
                    path: "why-changed",
                    lazy: async () => ({
                      Component: (await import("@/features/why-changed")).WhyChangedPage,
                    }),
                  },
                  {
                    path: "experiments",
                    lazy: async () => ({
                      Component: (await import("@/features/experiments")).ExperimentsPage,
                    }),
                  },
                  {
                    path: "experiments/:experimentId",
                    lazy: async () => ({
                      Component: (await import("@/features/experiments")).ExperimentDetailPage,
                    }),
                  },
                  {
                    path: "experiments/:experimentId/results",
                    lazy: async () => ({
                      Component: (await import("@/features/experiment-results"))
                        .ExperimentResultsPage,
                    }),
                  },
                  {
                    path: "deployments",
                    lazy: async () => ({
                      Component: (await import("@/features/deployments")).DeploymentsPage,
                    }),
                  },
                  {
                    path: "taxonomy",
                    lazy: async () => ({
                      Component: (await import("@/features/taxonomy")).TaxonomyPage,
                    }),
                  },
                  {
                    path: "templates",
                    lazy: async () => ({
                      Component: (await import("@/features/templates")).TemplatesPage,
                    }),
                  },
                  {
                    path: "outcomes",
                    lazy: async () => ({
                      Component: (await import("@/features/outcomes")).OutcomesPage,
                    }),
                  },
                  {
                    path: "runs",
                    lazy: async () => ({
                      Component: (await import("@/features/runs")).RunsPage,
                    }),
                  },
                  capabilityRoute("onboarding", "experiments.edit", async () => ({
                    Component: (await import("@/features/onboarding")).OnboardingWizardPage,
                  })),
                  capabilityRoute("members", "members.manage", async () => ({
                    Component: (await import("@/features/members")).MembersPage,
                  })),
                  {
                    path: "integrations",
                    lazy: async () => ({
                      Component: (await import("@/features/integrations")).IntegrationsPage,
                    }),
                  },
                  capabilityRoute("api-keys", "apiKeys.manage", async () => ({
                    Component: (await import("@/features/api-keys")).ApiKeysPage,
                  })),
                  capabilityRoute("provider-keys", "providerKeys.manage", async () => ({
                    Component: (await import("@/features/provider-keys")).ProviderKeysPage,
                  })),
                  {
                    path: "model-prices",
                    lazy: async () => ({
                      Component: (await import("@/features/model-prices")).ModelPricesPage,
                    }),
                  },
                  capabilityRoute("audit-log", "auditLog.read", async () => ({
                    Component: (await import("@/features/audit-log")).AuditLogPage,
                  })),
                  capabilityRoute("settings", "organization.update", async () => ({
                    Component: (await import("@/features/organization-settings"))
                      .OrganizationSettingsPage,
                  })),
                  { path: "*", element: <OrganizationNotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
