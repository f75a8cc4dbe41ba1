import Link from "next/link";

// What a signed-in person sees on a page their role does not allow (forbidden() in
// lib/auth/current-user.ts; docs/design.md#roles-and-permissions): plain words, a way back.
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-12 text-center" data-testid="not-allowed">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Not allowed</p>
      <h1 className="text-2xl font-bold">This page is not for your role</h1>
      <p className="text-slate-600">Your account cannot open this page. If you think it should, ask an administrator.</p>
      <Link href="/" className="inline-block rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white">
        Go to the start page
      </Link>
    </div>
  );
}
