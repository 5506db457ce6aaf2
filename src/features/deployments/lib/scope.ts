/** A deployment scope: a capability, optionally narrowed by an action and/or an intent. */
export interface ScopeRef {
  capabilityId: string;
  actionId: string | null;
  intentId: string | null;
}

export interface ScopeKeys {
  capabilityKey: string;
  actionKey: string | null;
  intentKey: string | null;
}

/** A stable id for a scope, for React keys, query keys and DOM ids. */
export function scopeId(scope: ScopeRef): string {
  return [scope.capabilityId, scope.actionId ?? "*", scope.intentId ?? "*"].join(":");
}

/** "QualifyLead · action CreateQuote · intent PriceCheck", as resolve matches it. */
export function scopeLabel({ capabilityKey, actionKey, intentKey }: ScopeKeys): string {
  return [
    capabilityKey,
    actionKey ? `action ${actionKey}` : null,
    intentKey ? `intent ${intentKey}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}
