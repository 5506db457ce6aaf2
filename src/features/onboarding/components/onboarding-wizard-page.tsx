import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ArrowLeft, ArrowRight, RotateCcw } from "lucide-react";

import { FormErrorAlert } from "@/components/form-error-alert";
import { QueryErrorAlert } from "@/components/query-error-alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useSignedInUser } from "@/features/auth";
import { useCurrentOrganization } from "@/features/organizations";
import { useMetricDefinitions, useTaxonomyEntries } from "@/features/taxonomy";
import { useTemplates } from "@/features/templates";
import { useCreateDraftExperiment } from "../hooks/use-create-draft-experiment";
import { useWizardDraft } from "../hooks/use-wizard-draft";
import { markWizardSeen, type StepId, type WizardDraft } from "../lib/wizard-draft";
import {
  STEP_GROUPS,
  STEP_TITLES,
  stepsFor,
  validateStep,
  type StepContext,
  type StepErrors,
} from "../lib/wizard-steps";
import { snippetInput } from "../lib/wizard-summary";
import { EntryPicker } from "./entry-picker";
import { HelpTip } from "./help-tip";
import { IntegrationsStep } from "./integrations-step";
import { ReviewStep } from "./review-step";
import { WizardStepper } from "./wizard-stepper";
import { CapabilityStep, CreateStep, FlowStep, OutcomeStep, PromptStep } from "./wizard-steps";

const STEP_HELP: Record<StepId, string> = {
  outcome:
    "Start from the business result, not the prompt: conversion, CSAT, resolution time. Your backend sends outcomes with this metric's key, and Causeway attributes them to the variant each user saw.",
  flow: "Pick the shape closest to your feature. You can change any of it later, while the experiment is a draft.",
  intents:
    "Intents are what users want, as your classifier or router labels them. Deployments can later send a different version to one intent.",
  capability:
    "A capability is a functional goal, like BookAppointment. Your code passes its key to resolve; every experiment belongs to one.",
  actions:
    "Actions are the steps the capability runs: lookups, tool calls, API requests. Deployments can later target one action on its own.",
  prompt:
    "This becomes the control version: an immutable snapshot of the prompt (or template and bindings), the provider, the model and its config.",
  integrations:
    "Nothing to fill in: this is what your engineers add to the backend. You can come back to it from the experiment's page at any time.",
  review: "Check the flow end to end before creating it. Click a step on the left to change it.",
  create:
    "The draft is yours to edit. Going live takes a review: a product manager or admin who is not an author has to approve it.",
};

const SUPABASE_URL = (import.meta.env.VITE_SUPABASE_URL as string | undefined) ?? "";

function StepPosition({ step, steps }: { step: StepId; steps: StepId[] }) {
  const group = STEP_GROUPS.find((g) => g.steps.includes(step))!;
  return (
    <p className="text-sm text-muted-foreground">
      Step {group.number} of {STEP_GROUPS.length} · {group.title}
      <span className="sr-only">
        {" "}
        (page {steps.indexOf(step) + 1} of {steps.length})
      </span>
    </p>
  );
}

/** The onboarding wizard (seed 004 §7): from the outcome to a draft experiment. */
export function OnboardingWizardPage() {
  const { organization, can } = useCurrentOrganization();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const { draft, setDraft, startOver, discard } = useWizardDraft(user.id, organization.id);
  const [errors, setErrors] = useState<StepErrors>({});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);

  const metrics = useMetricDefinitions(organization.id);
  const intents = useTaxonomyEntries(organization.id, "intents");
  const capabilities = useTaxonomyEntries(organization.id, "capabilities");
  const actions = useTaxonomyEntries(organization.id, "actions");
  const templates = useTemplates(organization.id);
  const creation = useCreateDraftExperiment(organization.id);

  useEffect(() => markWizardSeen(user.id, organization.id), [user.id, organization.id]);

  // Move focus to the new step's heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [draft.step]);

  const steps = stepsFor(draft.flow);
  // A draft saved on the actions step before switching to the simple flow lands on the prompt.
  const step = steps.includes(draft.step) ? draft.step : "prompt";
  const furthest = steps.includes(draft.furthest) ? draft.furthest : "prompt";
  const templateVariables = useMemo(() => {
    if (draft.prompt.mode !== "template") return null;
    for (const template of templates.data ?? []) {
      const version = template.versions.find((v) => v.id === draft.prompt.templateVersionId);
      if (version) return version.variables;
    }
    return null;
  }, [templates.data, draft.prompt.mode, draft.prompt.templateVersionId]);

  const queries = [metrics, intents, capabilities, actions, templates];
  if (queries.some((query) => query.isPending)) {
    return (
      <div className="grid gap-6" aria-busy="true" aria-label="Loading the wizard">
        <Skeleton className="h-10 w-80" />
        <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
          <Skeleton className="h-96" />
          <Skeleton className="h-96" />
        </div>
      </div>
    );
  }
  const failed = queries.find((query) => query.isError);
  if (failed) {
    return (
      <QueryErrorAlert
        title="The wizard couldn't load your organization's taxonomy"
        error={failed.error}
        onRetry={() => queries.forEach((query) => void query.refetch())}
      />
    );
  }

  const context: StepContext = {
    existingKeys: {
      intents: (intents.data ?? []).map((e) => e.key),
      capabilities: (capabilities.data ?? []).map((e) => e.key),
      actions: (actions.data ?? []).map((e) => e.key),
    },
    templateVariables,
  };

  function update(change: (current: WizardDraft) => WizardDraft) {
    setDraft((current) => change(current));
    setErrors({});
  }

  function goTo(target: StepId) {
    setErrors({});
    setDraft((current) => ({ ...current, step: target }));
  }

  function focusFirstError(stepErrors: StepErrors) {
    const names = Object.keys(stepErrors);
    // After React shows the messages: the first named control with an error, in page order.
    requestAnimationFrame(() => {
      const controls = contentRef.current?.querySelectorAll<HTMLElement>("[name]") ?? [];
      for (const control of controls) {
        if (names.includes(control.getAttribute("name") ?? "")) {
          control.focus();
          return;
        }
      }
      contentRef.current
        ?.querySelector<HTMLElement>("[role=alert]")
        ?.scrollIntoView({ block: "center" });
    });
  }

  function next() {
    const stepErrors = validateStep(step, draft, context);
    if (Object.keys(stepErrors).length > 0) {
      setErrors(stepErrors);
      focusFirstError(stepErrors);
      return;
    }
    const following = steps[steps.indexOf(step) + 1];
    if (!following) return;
    setDraft((current) => ({
      ...current,
      step: following,
      furthest: steps.indexOf(following) > steps.indexOf(furthest) ? following : furthest,
    }));
  }

  function back() {
    const previous = steps[steps.indexOf(step) - 1];
    if (previous) goTo(previous);
  }

  function create() {
    // Every step again: a draft restored from storage may point at since-archived entries.
    for (const candidate of steps) {
      const stepErrors = validateStep(candidate, draft, context);
      if (Object.keys(stepErrors).length > 0) {
        setDraft((current) => ({ ...current, step: candidate }));
        setErrors(stepErrors);
        focusFirstError(stepErrors);
        return;
      }
    }
    creation.mutate(
      { draft, templateVariables, onProgress: (progress) => setDraft(progress) },
      {
        onSuccess: (experimentId) => {
          discard();
          navigate(`/o/${organization.slug}/experiments/${experimentId}`);
        },
      },
    );
  }

  let body;
  switch (step) {
    case "outcome":
      body = (
        <OutcomeStep draft={draft} update={update} errors={errors} metrics={metrics.data ?? []} />
      );
      break;
    case "flow":
      body = <FlowStep draft={draft} update={update} errors={errors} />;
      break;
    case "intents":
      body = (
        <EntryPicker
          kind="intents"
          entries={intents.data ?? []}
          value={draft.intents}
          onChange={(value) => update((d) => ({ ...d, intents: value }))}
          errors={errors}
        />
      );
      break;
    case "capability":
      body = (
        <CapabilityStep
          draft={draft}
          update={update}
          errors={errors}
          capabilities={capabilities.data ?? []}
        />
      );
      break;
    case "actions":
      body = (
        <EntryPicker
          kind="actions"
          entries={actions.data ?? []}
          value={draft.actions}
          onChange={(value) => update((d) => ({ ...d, actions: value }))}
          errors={errors}
        />
      );
      break;
    case "prompt":
      body = (
        <PromptStep
          draft={draft}
          update={update}
          errors={errors}
          templates={templates.data ?? []}
        />
      );
      break;
    case "integrations": {
      body = (
        <IntegrationsStep
          apiKeysPath={can("apiKeys.manage") ? `/o/${organization.slug}/api-keys` : null}
          input={snippetInput(
            draft,
            {
              capabilities: capabilities.data ?? [],
              intents: intents.data ?? [],
              actions: actions.data ?? [],
              metrics: metrics.data ?? [],
            },
            SUPABASE_URL,
          )}
        />
      );
      break;
    }
    case "review":
      body = (
        <ReviewStep
          draft={draft}
          lookups={{
            capabilities: capabilities.data ?? [],
            intents: intents.data ?? [],
            actions: actions.data ?? [],
            metrics: metrics.data ?? [],
            templates: templates.data ?? [],
          }}
          onEdit={goTo}
        />
      );
      break;
    case "create":
      body = <CreateStep draft={draft} update={update} errors={errors} />;
      break;
  }

  const isLast = step === "create";
  return (
    <div className="grid gap-6">
      <title>{`Set up an experiment · ${organization.name} · Causeway`}</title>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Set up an experiment</h1>
          <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
            From the outcome you want to improve to a draft experiment, in six steps. Your progress
            is saved in this browser as you go: leave at any time and resume from the overview.
          </p>
        </div>
        <div className="flex gap-2">
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button variant="outline">
                <RotateCcw aria-hidden="true" />
                Start over
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Start over?</AlertDialogTitle>
                <AlertDialogDescription>
                  Everything entered in the wizard is cleared. Taxonomy entries and metrics already
                  created in your organization stay.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>Keep my progress</AlertDialogCancel>
                <AlertDialogAction
                  onClick={() => {
                    startOver();
                    setErrors({});
                    creation.reset();
                  }}
                >
                  Start over
                </AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
          <Button variant="ghost" asChild>
            <Link to={`/o/${organization.slug}/overview`}>Save and exit</Link>
          </Button>
        </div>
      </header>

      <div className="grid items-start gap-6 md:grid-cols-[14rem_1fr]">
        <Card className="py-3 md:sticky md:top-4">
          <CardContent className="px-3">
            <WizardStepper steps={steps} current={step} furthest={furthest} onSelect={goTo} />
          </CardContent>
        </Card>
        <Card>
          <CardContent className="grid gap-6">
            <div className="grid gap-1">
              <StepPosition step={step} steps={steps} />
              <div className="flex items-center gap-2">
                <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold outline-none">
                  {STEP_TITLES[step]}
                </h2>
                <HelpTip label={STEP_TITLES[step]}>{STEP_HELP[step]}</HelpTip>
              </div>
            </div>
            {isLast ? <FormErrorAlert error={creation.error} /> : null}
            <div ref={contentRef}>{body}</div>
            <div className="flex flex-wrap justify-between gap-2 border-t pt-4">
              <Button variant="outline" onClick={back} disabled={step === steps[0]}>
                <ArrowLeft aria-hidden="true" />
                Back
              </Button>
              {isLast ? (
                <Button onClick={create} disabled={creation.isPending}>
                  {creation.isPending && (
                    <Spinner label="Creating the draft" className="text-current" />
                  )}
                  Create draft experiment
                </Button>
              ) : (
                <Button onClick={next}>
                  Continue
                  <ArrowRight aria-hidden="true" />
                </Button>
              )}
            </div>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
