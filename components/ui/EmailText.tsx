// An email address that may wrap on a narrow screen only where a reader expects it to: after
// the "@" and before each dot (<wbr>), never in the middle of a name ("lovel" / "ace").
export function EmailText({ email, className }: { email: string; className?: string }) {
  const parts = email.split(/(?<=@)|(?=\.)/);
  return (
    <span className={className} data-email-text>
      {parts.map((p, i) => (
        <span key={i}>{i > 0 && <wbr />}{p}</span>
      ))}
    </span>
  );
}
