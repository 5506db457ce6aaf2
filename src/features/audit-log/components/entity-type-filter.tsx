import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import {
  AUDIT_ENTITY_TYPES,
  ENTITY_TYPE_LABELS,
  isAuditEntityType,
  type AuditEntityType,
} from "../lib/audit-entry";

const ALL = "all";
const PLURAL_LABELS: Record<AuditEntityType, string> = {
  memberships: "Members",
  invitations: "Invitations",
  api_keys: "API keys",
};

interface EntityTypeFilterProps {
  value: AuditEntityType | null;
  onChange(next: AuditEntityType | null): void;
}

export function EntityTypeFilter({ value, onChange }: EntityTypeFilterProps) {
  return (
    <ToggleGroup
      type="single"
      variant="outline"
      size="sm"
      aria-label="Show changes to"
      value={value ?? ALL}
      onValueChange={(next) => {
        // Radix reports "" when the pressed item is pressed again; keep the current filter.
        if (next === "") return;
        onChange(isAuditEntityType(next) ? next : null);
      }}
    >
      <ToggleGroupItem value={ALL} className="px-3">
        All changes
      </ToggleGroupItem>
      {AUDIT_ENTITY_TYPES.map((entityType) => (
        <ToggleGroupItem
          key={entityType}
          value={entityType}
          className="px-3"
          aria-label={`${ENTITY_TYPE_LABELS[entityType]} changes`}
        >
          {PLURAL_LABELS[entityType]}
        </ToggleGroupItem>
      ))}
    </ToggleGroup>
  );
}
