import Link from "next/link";
import { navFor } from "./nav";
import type { Role } from "@/lib/auth/policy";

export interface HeaderUser {
  fullName: string;
  role: Role;
  /** a student who assists a course */
  assists?: boolean;
}

/** The app shell's header: brand, navigation by role, and a phone menu (no JavaScript needed). */
export function AppHeader({ user, extra }: { user: HeaderUser | null; extra?: React.ReactNode }) {
  const items = navFor(user?.role ?? null, { assists: user?.assists });
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-brand-700">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-lg bg-brand-700 text-white">R</span>
          Rollcall
        </Link>
        <nav aria-label="Main" className="hidden items-center gap-1 lg:flex">
          {items.map((item) => (
            <Link key={item.href} href={item.href} className="whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {item.label}
            </Link>
          ))}
          {user && <span className="ml-2 max-w-40 truncate whitespace-nowrap text-sm text-slate-600">{user.fullName}</span>}
        </nav>
        {/* Rendered once for every width: the bell polls, and two copies would poll twice. */}
        {extra && <div className="ml-auto lg:ml-0">{extra}</div>}
        <details className="relative lg:hidden">
          <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-2 text-sm font-medium">Menu</summary>
          <nav aria-label="Main (mobile)" className="absolute right-0 z-20 mt-2 flex w-56 flex-col rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
            {user && <span className="px-3 py-2 text-sm text-slate-500">{user.fullName}</span>}
            {items.map((item) => (
              <Link key={item.href} href={item.href} className="rounded-md px-3 py-3 text-base text-slate-800 hover:bg-slate-100">
                {item.label}
              </Link>
            ))}
          </nav>
        </details>
      </div>
    </header>
  );
}
