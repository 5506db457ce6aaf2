import { useSearchParams } from "react-router-dom";

import { PageHeader } from "@/components/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useCurrentOrganization } from "@/features/organizations";
import { TAXONOMY_KINDS, TAXONOMY_KIND_LABELS } from "../lib/taxonomy-kinds";
import { MetricsTable } from "./metrics-table";
import { TaxonomyTable } from "./taxonomy-table";

const TABS = [...TAXONOMY_KINDS, "metrics"] as const;
type Tab = (typeof TABS)[number];

/** Capabilities, actions, intents and outcome metrics; the tab is in the URL, to share it. */
export function TaxonomyPage() {
  const { organization, can } = useCurrentOrganization();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("tab");
  const tab: Tab = TABS.find((t) => t === requested) ?? "capabilities";
  const canEdit = can("taxonomy.edit");

  return (
    <div>
      <title>{`Taxonomy · ${organization.name} · Causeway`}</title>
      <PageHeader
        title="Taxonomy"
        description={
          canEdit
            ? "The vocabulary experiments and deployments share. Archiving hides an entry from pickers; what is already deployed keeps being served."
            : "The vocabulary experiments and deployments share. Product managers, prompt engineers and admins edit it; you can read it."
        }
      />
      <Tabs
        value={tab}
        onValueChange={(next) =>
          setSearchParams((current) => {
            const params = new URLSearchParams(current);
            params.set("tab", next);
            return params;
          })
        }
      >
        <TabsList>
          {TAXONOMY_KINDS.map((kind) => (
            <TabsTrigger key={kind} value={kind}>
              {TAXONOMY_KIND_LABELS[kind].many}
            </TabsTrigger>
          ))}
          <TabsTrigger value="metrics">Metrics</TabsTrigger>
        </TabsList>
        {TAXONOMY_KINDS.map((kind) => (
          <TabsContent key={kind} value={kind} className="mt-4">
            <TaxonomyTable organizationId={organization.id} kind={kind} canEdit={canEdit} />
          </TabsContent>
        ))}
        <TabsContent value="metrics" className="mt-4">
          <MetricsTable organizationId={organization.id} canEdit={canEdit} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
