// Story: a student signs in with their password, adds a passkey on the Security page, signs out,
// signs back in with the passkey (no password), and scans the projected code with the camera.
// The passkey lives in Chromium's virtual authenticator (DevTools protocol WebAuthn domain:
// ctap2, internal transport, resident keys, user verification), bound to the page's origin —
// http://localhost:<port>: browsers refuse an IP address as relying party.
// Also: the saved-scan deep link offers the passkey first, the passkey in the email field's
// autofill signs in, and a phone is offered a passkey after a password sign-in.
//
// Chromium's virtual authenticator answers a conditional (autofill) request at once, as if the
// person had picked the passkey. The button journeys therefore run in a browser without
// conditional mediation (like many older ones), so that the button is what signs in.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { devices, expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { createApprovedUser, adminToken } from "./support/api";
import { loginAs, logout } from "./support/auth";
import { cameraBrowser, scanWithCamera, writeY4m } from "./support/camera";
import { E2E_ADMIN, E2E_BASE_URL, E2E_DIR } from "./support/env";

const PASSWORD = "Silver-Kestrel-83!";

/** A platform authenticator with a fingerprint reader, as on a phone. */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials };
}

/** A browser without passkey autofill: only the "Sign in with a passkey" button can sign in. */
async function withoutAutofill(context: BrowserContext) {
  await context.addInitScript(() => {
    Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", { value: async () => false });
  });
}

async function student(request: APIRequestContext, name: string) {
  const user = { email: `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@college.test`, password: PASSWORD, fullName: `${name} Passkey` };
  await createApprovedUser(request, user);
  return user;
}

/** An event with check-in open, shown on the admin's projector page. */
async function projector(page: Page, request: APIRequestContext, title: string) {
  const token = await adminToken(request);
  const now = Date.now();
  const created = await request.post("/api/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { title, location: "Room 101", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  const event = await created.json();
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/events/${event.id}/present` });
  await expect(page.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await page.getByTestId("start-checkin").click();
  await expect(page.getByTestId("projector-qr")).toBeVisible();
  return page.getByTestId("projector-qr");
}

test.describe.configure({ mode: "serial" });

test("a student adds a passkey, signs out, signs in with it, and scans the projected code", async ({ browser, request }) => {
  const ada = await student(request, "Ada");
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const qr = await projector(await adminContext.newPage(), request, `Cryptography ${randomUUID().slice(0, 4)}`);

  // the camera reads its file when it starts: write the code's frame just before scanning
  const feed = path.join(E2E_DIR, `passkey-${randomUUID().slice(0, 6)}.y4m`);
  await writeY4m(feed, null);
  const camera = await cameraBrowser(feed);
  try {
    const context = await camera.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"], viewport: { width: 390, height: 844 } });
    await withoutAutofill(context);
    const phone = await context.newPage();
    const errors: string[] = [];
    phone.on("pageerror", (e) => errors.push(e.message));
    const authenticator = await virtualAuthenticator(context, phone);

    // 1. password sign-in, then add a passkey on the Security page
    await loginAs(phone, ada.email, PASSWORD, { next: "/security" });
    await expect(phone.getByTestId("passkeys-empty")).toBeVisible();
    await phone.getByTestId("passkey-add").click();
    // adding a passkey needs a fresh proof of presence: the password again, then it goes on
    const stepUp = phone.getByTestId("step-up");
    await expect(stepUp).toBeVisible();
    await stepUp.getByTestId("step-up-password").fill(PASSWORD);
    await stepUp.getByTestId("step-up-confirm").click();
    await expect(phone.getByTestId("passkeys-status")).toHaveText(/Passkey added/);
    await expect(phone.getByTestId("passkey-row")).toHaveCount(1);
    await expect(phone.getByTestId("passkey-row")).toContainText("not used yet");
    expect(await authenticator.credentials()).toHaveLength(1);
    expect((await authenticator.credentials())[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });

    // 2. sign out; sign in with the passkey alone
    await logout(phone);
    await expect(phone.getByTestId("passkey-sign-in")).toBeVisible();
    await expect(phone.getByLabel("Email")).toHaveAttribute("autocomplete", "username webauthn");
    await phone.getByTestId("passkey-sign-in").click();
    await expect(phone).toHaveURL(/\/home$/, { timeout: 15_000 });
    await expect(phone.getByRole("heading", { name: "Hi Ada" })).toBeVisible();
    const me = await (await phone.request.get("/api/auth/me")).json();
    expect(me).toMatchObject({ email: ada.email, role: "student" });

    // the Security page shows its last use
    await phone.goto("/security");
    await expect(phone.getByTestId("passkey-row")).toContainText("last used");

    // 3. scan the code on the projector with the camera
    await writeY4m(feed, await qr.screenshot());
    await phone.goto("/scan");
    const result = await scanWithCamera(phone);
    await expect(result).toHaveAttribute("data-outcome", "marked");
    await expect(result).toContainText("Marked present");
    expect(errors).toEqual([]);
  } finally {
    await camera.close();
    await adminContext.close();
  }
});

test("the saved-scan link offers the passkey first, and signing in with it finishes the mark", async ({ browser, request }) => {
  const grace = await student(request, "Grace");
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const qr = await projector(await adminContext.newPage(), request, `Compilers ${randomUUID().slice(0, 4)}`);
  const link = (await qr.getAttribute("data-value"))!;

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await withoutAutofill(context);
  const phone = await context.newPage();
  const authenticator = await virtualAuthenticator(context, phone);
  await loginAs(phone, grace.email, PASSWORD, { next: "/security" });
  await phone.getByTestId("passkey-add").click();
  await phone.getByTestId("step-up-password").fill(PASSWORD); // adding a passkey needs a fresh proof of presence
  await phone.getByTestId("step-up-confirm").click();
  await expect(phone.getByTestId("passkey-row")).toHaveCount(1);
  expect(await authenticator.credentials()).toHaveLength(1);
  await logout(phone);

  // the phone's camera app opens the projected code's URL while signed out
  await phone.goto(link);
  await expect(phone).toHaveURL(/\/login\?next=%2Fscan%2Freceipt.*scanned=1/);
  const first = phone.getByRole("button").first();
  await expect(first).toHaveAttribute("data-testid", "passkey-sign-in");
  await first.click();
  await expect(phone).toHaveURL(/\/scan\/result\?outcome=marked/, { timeout: 15_000 });
  await expect(phone.getByTestId("scan-result")).toContainText("Marked present");
  await Promise.all([context.close(), adminContext.close()]);
});

test("the passkey in the email field's autofill signs in: no button, no password", async ({ browser, request }) => {
  const edsger = await student(request, "Edsger");
  const context = await browser.newContext();
  const page = await context.newPage();
  await virtualAuthenticator(context, page);
  await loginAs(page, edsger.email, PASSWORD, { next: "/security" });
  await page.getByTestId("passkey-add").click();
  await page.getByTestId("step-up-password").fill(PASSWORD); // adding a passkey needs a fresh proof of presence
  await page.getByTestId("step-up-confirm").click();
  await expect(page.getByTestId("passkey-row")).toHaveCount(1);
  const before = (await (await page.request.get("/api/auth/me")).json()).session_id as string;
  // Signing out lands on the login page, which arms the autofill as it loads; the virtual
  // authenticator "picks" the passkey at once, so the page may already be on /home when a check
  // of the address runs. Wait for the login page's navigation itself, started before the click.
  await Promise.all([page.waitForURL(/\/login/, { waitUntil: "commit" }), page.getByTestId("logout").first().click()]);
  await expect(page).toHaveURL(/\/home$/, { timeout: 15_000 });
  // a new session, opened by the passkey: not the password session that signed out
  expect(await (await page.request.get("/api/auth/me")).json()).toMatchObject({ email: edsger.email, session_id: expect.not.stringMatching(`^${before}$`) });
  await context.close();
});

test("a phone is offered a passkey after a password sign-in, and 'Not now' is remembered", async ({ browser, request }) => {
  const alan = await student(request, "Alan");
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL: E2E_BASE_URL });
  const phone = await context.newPage();
  const authenticator = await virtualAuthenticator(context, phone);

  await loginAs(phone, alan.email, PASSWORD);
  await expect(phone.getByTestId("passkey-offer")).toBeVisible();
  await phone.getByTestId("passkey-offer-dismiss").click();
  await expect(phone.getByTestId("passkey-offer")).toHaveCount(0);
  await logout(phone);
  await loginAs(phone, alan.email, PASSWORD);
  await expect(phone.getByRole("heading", { name: "Hi Alan" })).toBeVisible();
  await expect(phone.getByTestId("passkey-offer")).toHaveCount(0);

  // on another phone (no "Not now" yet) the offer adds a passkey after the password again (step-up)
  const other = await browser.newContext({ ...devices["Pixel 7"], baseURL: E2E_BASE_URL });
  const second = await other.newPage();
  const secondAuthenticator = await virtualAuthenticator(other, second);
  await loginAs(second, alan.email, PASSWORD);
  await second.getByTestId("passkey-offer-add").click();
  await second.getByTestId("step-up-password").fill(PASSWORD);
  await second.getByTestId("step-up-confirm").click();
  await expect(second.getByTestId("passkey-offer-added")).toBeVisible();
  expect(await secondAuthenticator.credentials()).toHaveLength(1);
  expect(await authenticator.credentials()).toHaveLength(0);
  await Promise.all([context.close(), other.close()]);
});

test("on the Security page, the offer goes away once a passkey is added from the page's own list", async ({ browser, request }) => {
  const barbara = await student(request, "Barbara");
  const context = await browser.newContext({ ...devices["Pixel 7"], baseURL: E2E_BASE_URL });
  const phone = await context.newPage();
  await virtualAuthenticator(context, phone);
  await loginAs(phone, barbara.email, PASSWORD, { next: "/security" });
  await expect(phone.getByTestId("passkey-offer")).toBeVisible();
  await expect(phone.getByTestId("passkeys-empty")).toBeVisible();
  await phone.getByTestId("passkey-add").click();
  await phone.getByTestId("step-up-password").fill(PASSWORD);
  await phone.getByTestId("step-up-confirm").click();
  await expect(phone.getByTestId("passkey-row")).toHaveCount(1);
  await expect(phone.getByTestId("passkey-offer")).toHaveCount(0);
  await context.close();
});
