/** Emails are compared trimmed and lower-cased (docs/design.md#accounts). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
