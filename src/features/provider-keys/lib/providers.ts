/** The providers the gateway calls, in the order the page shows them. */
export const PROVIDERS = ["openai", "anthropic", "gemini"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_INFO: Record<Provider, { label: string; keyHint: string; console: string }> =
  {
    openai: {
      label: "OpenAI",
      keyHint: "sk-…",
      console: "platform.openai.com › API keys",
    },
    anthropic: {
      label: "Anthropic",
      keyHint: "sk-ant-…",
      console: "console.anthropic.com › API keys",
    },
    gemini: {
      label: "Google Gemini",
      keyHint: "AIza…",
      console: "aistudio.google.com › Get API key",
    },
  };

/** The same rule as the provider-keys function: the whole key, no spaces. */
export function providerKeyProblem(value: string): string | undefined {
  const key = value.trim();
  if (key.length === 0) return "Paste the key.";
  if (/\s/.test(key)) return "The key has a space or line break in it: paste it again, whole.";
  if (key.length < 8) return "That is too short to be a key: paste the whole key.";
  if (key.length > 500) return "That is too long to be a key.";
  return undefined;
}
