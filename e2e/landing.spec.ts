import { expect, test } from "@playwright/test";

test.describe("landing page", () => {
  test("renders without console errors and links to login and signup", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Attendance in one scan");
    await expect(page.getByRole("link", { name: "Create a student account" })).toHaveAttribute("href", "/signup");
    await expect(page.getByRole("main").getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
    expect(errors).toEqual([]);
  });

  test("works at phone width: no horizontal scroll, menu opens", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto("/");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByText("Menu").click();
    await expect(page.getByRole("navigation", { name: "Main (mobile)" }).getByRole("link", { name: "Sign up" })).toBeVisible();
  });

  test("unknown pages show the product's not-found page", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  });
});
