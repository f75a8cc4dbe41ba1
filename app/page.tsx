import Link from "next/link";

export default function LandingPage() {
  return (
    <div className="space-y-12">
      <section className="space-y-5 text-center sm:text-left">
        <h1 className="text-3xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">
          Attendance in one scan. <span className="text-brand-700">No forwarded screenshots.</span>
        </h1>
        <p className="max-w-2xl text-lg text-slate-600">
          Rollcall projects a signed QR code that changes every few seconds. Students scan it with their phone and are
          marked present in under a second — each student once, only while the class is on.
        </p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link href="/signup" className="rounded-lg bg-brand-700 px-5 py-3 text-center font-semibold text-white hover:bg-brand-900">
            Create a student account
          </Link>
          <Link href="/login" className="rounded-lg border border-slate-300 bg-white px-5 py-3 text-center font-semibold text-slate-800 hover:bg-slate-100">
            Log in
          </Link>
        </div>
      </section>
      <section aria-labelledby="how" className="grid gap-4 sm:grid-cols-3">
        <h2 id="how" className="sr-only">How it works</h2>
        {[
          ["1. Project", "Your lecturer starts check-in and the room screen shows a rotating code with a countdown."],
          ["2. Scan", "Open Rollcall's scanner or your phone's camera app and point it at the screen."],
          ["3. Done", "You see “Marked present” with the class name. Scanning twice never counts twice."],
        ].map(([title, text]) => (
          <article key={title} className="rounded-xl border border-slate-200 bg-white p-5">
            <h3 className="font-semibold text-slate-900">{title}</h3>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </article>
        ))}
      </section>
      <section className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-600">
        <h2 className="mb-2 font-semibold text-slate-900">Built for a security-minded campus</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>Codes are signed, expire within a minute and are bound to one event.</li>
          <li>New accounts wait for an administrator&apos;s approval.</li>
          <li>Every security-relevant action is written to an audit log.</li>
        </ul>
      </section>
    </div>
  );
}
