import { useEffect, useState } from "react";
import { CheckIcon, CopyIcon } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";

interface CopyButtonProps {
  value: string;
  /** Names what is copied for screen readers and the confirmation, e.g. "organization ID". */
  label: string;
  variant?: "outline" | "secondary" | "default";
}

const CONFIRMATION_MS = 2000;

export function CopyButton({ value, label, variant = "outline" }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // The clipboard API needs a secure context and permission; the value stays selectable.
      toast.error(`Couldn't copy the ${label}. Select it and press Ctrl+C (⌘C on a Mac).`);
    }
  }

  return (
    <Button type="button" variant={variant} onClick={copy} aria-label={`Copy ${label}`}>
      {copied ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </Button>
  );
}
