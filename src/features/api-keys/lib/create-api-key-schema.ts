import { z } from "zod";
import { API_KEY_SCOPES } from "./api-key-scopes";

// The same limits as create_api_key() and the api_keys.name check, so the database never has
// to refuse what the form let through.
export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Name the key with at least 2 characters, e.g. the service that will use it.")
    .max(60, "Keep the name to 60 characters or fewer."),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, "Choose at least one scope: what may this key be used for?"),
});

export type CreateApiKeyFormValues = z.input<typeof createApiKeySchema>;
export type CreateApiKeyValues = z.output<typeof createApiKeySchema>;
