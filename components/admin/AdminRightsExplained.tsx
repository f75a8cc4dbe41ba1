// What making someone staff gives them, said before it happens (approvals and users pages).
// The rights follow the policy table (lib/auth/policy.ts, docs/design.md#roles-and-permissions).
export function AdminRightsExplained() {
  return (
    <>
      <p>An admin can:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>approve or reject any signup, make other people instructors, and make other people admins;</li>
        <li>run every course and event: rosters, sessions, marks and reports;</li>
        <li>see the audit log, suspicious activity, the dashboard and the users list, and sign users out.</li>
      </ul>
      <p>Give it only to the people who run Rollcall. You will be asked to confirm it is you.</p>
    </>
  );
}

export function InstructorRightsExplained() {
  return (
    <>
      <p>An instructor can:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>create courses and events, and run the courses they teach: roster, sessions, projection, marks, reports;</li>
        <li>add teaching assistants and co-instructors to their courses;</li>
        <li>approve the signups that name one of their courses.</li>
      </ul>
      <p>They cannot see other courses, the users list or the audit log. You will be asked to confirm it is you.</p>
    </>
  );
}
