import { requirePageUser } from "@/lib/auth/current-user";

// Every admin page is for admins only (checked again inside each action and API call).
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser("admin", "/admin");
  return <>{children}</>;
}
