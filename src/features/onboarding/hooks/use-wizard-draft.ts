import { useCallback, useEffect, useState } from "react";
import {
  discardWizardDraft,
  EMPTY_DRAFT,
  readWizardDraft,
  saveWizardDraft,
  type WizardDraft,
} from "../lib/wizard-draft";

/** The wizard's draft, loaded once from localStorage and saved there on every change. */
export function useWizardDraft(userId: string, organizationId: string) {
  const [draft, setDraft] = useState<WizardDraft>(
    () => readWizardDraft(userId, organizationId) ?? EMPTY_DRAFT,
  );

  useEffect(() => {
    saveWizardDraft(userId, organizationId, draft);
  }, [userId, organizationId, draft]);

  const startOver = useCallback(() => setDraft(EMPTY_DRAFT), []);
  /** Forgets the draft for good, once it became an experiment. */
  const discard = useCallback(
    () => discardWizardDraft(userId, organizationId),
    [userId, organizationId],
  );

  return { draft, setDraft, startOver, discard };
}
