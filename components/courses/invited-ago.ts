// "invited 2 days ago": how long ago a student was invited to sign up, in words. Pure.
export function invitedAgo(at: string | Date, now: string | Date): string {
  const s = Math.max(0, Math.round((new Date(now).getTime() - new Date(at).getTime()) / 1000));
  if (s < 60) return "invited just now";
  if (s < 3600) return `invited ${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `invited ${Math.floor(s / 3600)} h ago`;
  const days = Math.floor(s / 86_400);
  return days === 1 ? "invited yesterday" : `invited ${days} days ago`;
}
