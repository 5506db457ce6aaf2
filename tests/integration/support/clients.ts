import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import type { Database } from "../../../src/lib/database.types";
import { stackEnv } from "./env";

export type Client = SupabaseClient<Database>;

export function anonClient(): Client {
  return createClient<Database>(stackEnv.apiUrl, stackEnv.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // Node 20 has no global WebSocket; realtime is not used but the client insists on a transport.
    realtime: { transport: ws as never },
  });
}

export async function signedInClient(email: string, password: string): Promise<Client> {
  const client = anonClient();
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`Sign-in as ${email} failed: ${error.message}`);
  return client;
}
