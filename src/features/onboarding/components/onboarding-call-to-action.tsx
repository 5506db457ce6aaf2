import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ArrowRight, Sparkles } from "lucide-react";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { useExperimentCount } from "../hooks/use-experiment-count";
import {
  discardWizardDraft,
  hasSeenWizard,
  readWizardDraft,
  type WizardDraft,
} from "../lib/wizard-draft";
import { STEP_GROUPS } from "../lib/wizard-steps";

function stepNumber(draft: WizardDraft) {
  return STEP_GROUPS.find((group) => group.steps.includes(draft.step))?.number ?? 1;
}

/**
 * The Overview's way into the onboarding wizard, for roles that create drafts: "Resume" when a
 * draft is saved. On a new organization's first visit (no experiment yet, wizard never opened
 * here) it opens the wizard straight away.
 */
export function OnboardingCallToAction() {
  const { organization, can } = useCurrentOrganization();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const canCreate = can("experiments.edit");
  const experiments = useExperimentCount(organization.id, { enabled: canCreate });
  const [draft] = useState(() => readWizardDraft(user.id, organization.id));
  const wizardPath = `/o/${organization.slug}/onboarding`;

  useEffect(() => {
    if (experiments.data === 0 && !hasSeenWizard(user.id, organization.id)) {
      navigate(wizardPath, { replace: true });
    }
  }, [experiments.data, user.id, organization.id, navigate, wizardPath]);

  if (!canCreate) return null;
  const firstExperiment = experiments.data === 0;

  return (
    <Card className="border-primary/40 bg-primary/5">
      <CardHeader>
        <CardTitle>
          <h2 className="flex items-center gap-2">
            <Sparkles className="size-5 text-primary" aria-hidden="true" />
            {draft
              ? "Finish setting up your experiment"
              : firstExperiment
                ? "Set up your first experiment"
                : "Set up an experiment"}
          </h2>
        </CardTitle>
        <CardDescription>
          {draft
            ? `You stopped at step ${stepNumber(draft)} of ${STEP_GROUPS.length}. Your answers are saved in this browser.`
            : "Six guided steps: the outcome to improve, the flow (intents, capability, actions, prompt), how your code calls Causeway, and a review. You end with a draft to submit for approval."}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        <Button asChild>
          <Link to={wizardPath}>
            {draft ? "Resume" : "Start the wizard"}
            <ArrowRight aria-hidden="true" />
          </Link>
        </Button>
        {draft ? (
          <Button
            variant="outline"
            onClick={() => {
              discardWizardDraft(user.id, organization.id);
              navigate(wizardPath);
            }}
          >
            Start over
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
