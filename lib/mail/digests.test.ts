import { describe, expect, it } from "vitest";
import { collegeDay } from "./low-attendance-digest";
import { waitingHeadline, waitingList } from "./templates/signups-waiting";

describe("digest wording and days", () => {
  it("names one waiting student, counts several, and says how many more are not listed", () => {
    const ada = { fullName: "Ada L", email: "ada@c.edu" };
    const bob = { fullName: "Bob K", email: "bob@c.edu" };
    expect(waitingHeadline(1, ada)).toBe("Ada L is waiting for approval");
    expect(waitingHeadline(3, ada)).toBe("3 students are waiting for approval");
    expect(waitingList([ada], 1)).toBe("Ada L (ada@c.edu)");
    expect(waitingList([ada, bob], 2)).toBe("Ada L (ada@c.edu) and Bob K (bob@c.edu)");
    expect(waitingList([ada, bob], 7)).toBe("Ada L (ada@c.edu), Bob K (bob@c.edu) and 5 more");
  });

  it("reads the college's date and hour in its own zone", () => {
    expect(collegeDay(new Date("2026-12-07T06:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-12-07", hour: 7 });
    expect(collegeDay(new Date("2026-12-07T02:00:00Z"), "America/New_York")).toEqual({ date: "2026-12-06", hour: 21 });
    expect(collegeDay(new Date("2026-07-01T05:00:00Z"), "Europe/Berlin")).toEqual({ date: "2026-07-01", hour: 7 }); // summer time
  });
});
