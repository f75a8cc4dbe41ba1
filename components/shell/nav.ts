// Navigation by role: one list the header renders on desktop and in the phone menu. Staff see
// only the pages their role may open (the policy's site capabilities, lib/auth/policy.ts);
// a student who assists a course also gets the courses they help with.
import { allows, isStaffRole, type Capability, type Role } from "@/lib/auth/policy";

export interface NavItem {
  href: string;
  label: string;
}

const STAFF: (NavItem & { needs?: Capability })[] = [
  { href: "/admin", label: "Home" },
  { href: "/admin/approvals", label: "Approvals", needs: "approvals:view" },
  { href: "/admin/courses", label: "Courses" },
  { href: "/admin/events", label: "Events" },
  { href: "/admin/users", label: "Users", needs: "users:manage" },
  { href: "/admin/audit", label: "Audit log", needs: "audit:view" },
  { href: "/admin/dashboard", label: "Dashboard", needs: "operations:view" },
  { href: "/security", label: "Security" },
];

export function navFor(role: Role | null, opts: { assists?: boolean } = {}): NavItem[] {
  if (role && isStaffRole(role)) {
    return STAFF.filter((i) => !i.needs || allows({ role }, i.needs, { kind: "site" })).map(({ href, label }) => ({ href, label }));
  }
  if (role === "student") {
    return [
      { href: "/home", label: "My attendance" },
      { href: "/scan", label: "Scan" },
      ...(opts.assists ? [{ href: "/admin/courses", label: "Teaching" }] : []),
      { href: "/security", label: "Security" },
    ];
  }
  return [
    { href: "/login", label: "Log in" },
    { href: "/signup", label: "Sign up" },
  ];
}
