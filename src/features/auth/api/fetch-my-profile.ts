import { supabase } from "@/lib/supabase";
import { toRequestError } from "@/lib/request-error";

export interface MyProfile {
  id: string;
  email: string;
  displayName: string | null;
}

export async function fetchMyProfile(userId: string): Promise<MyProfile> {
  const response = await supabase
    .from("profiles")
    .select("id, email, display_name")
    .eq("id", userId)
    .single();
  if (response.error) throw toRequestError("Couldn't load your profile", response);
  const { id, email, display_name } = response.data;
  return { id, email, displayName: display_name };
}
