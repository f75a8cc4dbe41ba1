import { LogoutButton } from "@/components/auth/LogoutButton";
import { NotificationBell } from "@/components/notifications/NotificationBell";

/** What a signed-in user sees at the end of the header. */
export function HeaderActions() {
  return (
    <div className="flex items-center gap-2">
      <NotificationBell />
      <LogoutButton />
    </div>
  );
}
