// Placeholder: the accounts issue implements logout (revoking the session).
export function LogoutButton() {
  return null;
}
