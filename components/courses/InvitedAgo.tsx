"use client";
// "invited 2 days ago" on a roster row, counted from this browser's clock once hydrated (the
// server render says only "invited", so both renders agree).
import { useHydrated } from "@/components/ui/use-hydrated";
import { invitedAgo } from "./invited-ago";

export function InvitedAgo({ at }: { at: string }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={at} data-testid="roster-invited">
      {hydrated ? invitedAgo(at, new Date()) : "invited"}
    </time>
  );
}
