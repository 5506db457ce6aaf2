/** The sidebar's links every member sees, in order (src/app/layout/organization-pages.ts). */
export const EVERY_MEMBER_PAGES = [
  "Overview",
  "Why did it change?",
  "Runs",
  "Experiments",
  "Deployments",
  "Templates",
  "Taxonomy",
  "Outcomes",
  "Integrations",
  "Model prices",
];

/** An admin's sidebar: every page. */
export const ADMIN_PAGES = [
  ...EVERY_MEMBER_PAGES,
  "Provider keys",
  "API keys",
  "Members",
  "Audit log",
  "Settings",
];
