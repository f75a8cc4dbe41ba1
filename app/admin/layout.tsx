import { requireStaffArea } from "@/lib/auth/current-user";

// The staff area: admins, instructors and teaching assistants (other students go to /home).
// Each page then asks the policy for what it shows (docs/design.md#roles-and-permissions), and
// each action and API call checks again.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireStaffArea("/admin");
  return <>{children}</>;
}
