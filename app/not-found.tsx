import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md space-y-4 py-12 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">404</p>
      <h1 className="text-2xl font-bold">We could not find that page</h1>
      <p className="text-slate-600">The link may be old, or the page may have moved.</p>
      <Link href="/" className="inline-block rounded-lg bg-brand-700 px-5 py-3 font-semibold text-white">
        Go to the start page
      </Link>
    </div>
  );
}
