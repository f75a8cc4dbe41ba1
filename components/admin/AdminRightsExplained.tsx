// What making someone an admin gives them, said before it happens (approvals and users pages).
export function AdminRightsExplained() {
  return (
    <>
      <p>An admin can:</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>approve or reject signups, and make other people admins;</li>
        <li>create, edit and delete events and courses, and mark or unmark anyone&apos;s attendance;</li>
        <li>see every student&apos;s attendance, the audit log and the users list, and sign users out.</li>
      </ul>
      <p>Give it only to staff. You will be asked to confirm it is you.</p>
    </>
  );
}
