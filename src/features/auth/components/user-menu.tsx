import { LogOut } from "lucide-react";
import { toast } from "sonner";

import { Avatar, AvatarFallback } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useMyProfile } from "../hooks/use-my-profile";
import { useSession, useSignedInUser } from "../hooks/use-session";

function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s@._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words[1]![0]] : [name.trim()[0]];
  return letters.join("").toUpperCase();
}

export function UserMenu() {
  const user = useSignedInUser();
  const { signOut } = useSession();
  const profile = useMyProfile();
  const email = profile.data?.email ?? user.email ?? "";
  const displayName = profile.data?.displayName ?? null;

  async function handleSignOut() {
    try {
      await signOut();
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Couldn't sign out. Try again.");
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="rounded-full"
          aria-label={`Account menu for ${displayName ?? email}`}
        >
          <Avatar>
            <AvatarFallback className="bg-primary/20 text-primary">
              {initialsOf(displayName ?? email)}
            </AvatarFallback>
          </Avatar>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-0.5 font-normal">
          {displayName ? <span className="truncate font-medium">{displayName}</span> : null}
          <span className="truncate text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={handleSignOut}>
          <LogOut />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
