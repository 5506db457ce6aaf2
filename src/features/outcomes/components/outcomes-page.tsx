import { PageHeader } from "@/components/page-header";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useCurrentOrganization } from "@/features/organizations";
import { CsvUpload } from "./csv-upload";
import { ManualOutcomeForm } from "./manual-outcome-form";
import { RecentOutcomes } from "./recent-outcomes";
import { WebhookEndpoints } from "./webhook-endpoints";

export function OutcomesPage() {
  const { organization, can } = useCurrentOrganization();
  const canRecord = can("outcomes.record");
  const canManageWebhooks = can("webhooks.manage");
  const defaultTab = canRecord ? "csv" : "webhooks";

  return (
    <div className="grid gap-8">
      <title>{`Outcomes · ${organization.name} · Causeway`}</title>
      <div>
        <PageHeader
          title="Outcomes"
          description="The business results experiments are judged on: conversions, order values, CSAT scores. Most arrive from your systems; here you can also upload a file, enter one by hand, or set up a signed webhook."
        />
        {(canRecord || canManageWebhooks) && (
          <Tabs defaultValue={defaultTab} className="grid gap-4">
            <TabsList>
              {canRecord && <TabsTrigger value="csv">Upload CSV</TabsTrigger>}
              {canRecord && <TabsTrigger value="manual">Add one</TabsTrigger>}
              {canManageWebhooks && <TabsTrigger value="webhooks">Webhooks</TabsTrigger>}
            </TabsList>
            {canRecord && (
              <TabsContent value="csv">
                <CsvUpload organizationId={organization.id} />
              </TabsContent>
            )}
            {canRecord && (
              <TabsContent value="manual">
                <ManualOutcomeForm organizationId={organization.id} />
              </TabsContent>
            )}
            {canManageWebhooks && (
              <TabsContent value="webhooks">
                <WebhookEndpoints organizationId={organization.id} />
              </TabsContent>
            )}
          </Tabs>
        )}
      </div>
      <section aria-labelledby="recent-outcomes-heading" className="grid gap-3">
        <h2 id="recent-outcomes-heading" className="text-lg font-semibold">
          Recently recorded
        </h2>
        <RecentOutcomes organizationId={organization.id} />
      </section>
    </div>
  );
}
