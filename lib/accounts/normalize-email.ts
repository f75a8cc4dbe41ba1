/** Emails are compared trimmed and lower-cased (DESIGN.md section 1). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
