// Navigation by role: one list the header renders on desktop and in the phone menu.
export interface NavItem {
  href: string;
  label: string;
}

export function navFor(role: "student" | "admin" | null): NavItem[] {
  if (role === "admin") {
    return [
      { href: "/admin", label: "Home" },
      { href: "/admin/approvals", label: "Approvals" },
      { href: "/admin/courses", label: "Courses" },
      { href: "/admin/events", label: "Events" },
      { href: "/admin/users", label: "Users" },
      { href: "/admin/audit", label: "Audit log" },
      { href: "/admin/dashboard", label: "Dashboard" },
      { href: "/security", label: "Security" },
    ];
  }
  if (role === "student") {
    return [
      { href: "/home", label: "My attendance" },
      { href: "/scan", label: "Scan" },
      { href: "/security", label: "Security" },
    ];
  }
  return [
    { href: "/login", label: "Log in" },
    { href: "/signup", label: "Sign up" },
  ];
}
