import { useSearchParams } from "react-router-dom";
import { isAuditEntityType, type AuditEntityType } from "../lib/audit-entry";

const PARAM = "entity";

/** The entity type filter, kept in the URL (?entity=…) so a filtered log can be linked to. */
export function useEntityTypeFilter() {
  const [searchParams, setSearchParams] = useSearchParams();
  const value = searchParams.get(PARAM);
  const entityType: AuditEntityType | null = isAuditEntityType(value) ? value : null;

  function setEntityType(next: AuditEntityType | null) {
    // Other parameters (set by the shell or other filters) are left as they are.
    setSearchParams((previous) => {
      const params = new URLSearchParams(previous);
      if (next) params.set(PARAM, next);
      else params.delete(PARAM);
      return params;
    });
  }

  return { entityType, setEntityType };
}
