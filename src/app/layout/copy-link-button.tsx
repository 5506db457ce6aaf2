import { Link2 } from "lucide-react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";

/** Copies the current URL, which holds the organization, page and every filter. */
export function CopyLinkButton() {
  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      toast.success("Link copied");
    } catch {
      toast.error("Couldn't copy the link. Copy it from the address bar instead.");
    }
  }

  return (
    <Button variant="outline" size="sm" onClick={copyLink} className="bg-card/40">
      <Link2 aria-hidden="true" />
      <span className="sr-only sm:not-sr-only">Copy link</span>
    </Button>
  );
}
