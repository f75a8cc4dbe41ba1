import { describe, expect, it } from "vitest";
import { invitedAgo } from "./invited-ago";

describe("invitedAgo", () => {
  const now = "2026-12-07T12:00:00Z";
  it.each([
    ["2026-12-07T11:59:30Z", "invited just now"],
    ["2026-12-07T11:15:00Z", "invited 45 min ago"],
    ["2026-12-07T02:00:00Z", "invited 10 h ago"],
    ["2026-12-06T09:00:00Z", "invited yesterday"],
    ["2026-12-05T11:00:00Z", "invited 2 days ago"],
    ["2026-12-07T12:00:05Z", "invited just now"], // a clock a little ahead is not "in the future"
  ])("%s → %s", (at, words) => expect(invitedAgo(at, now)).toBe(words));
});
