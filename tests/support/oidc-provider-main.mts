// A real OpenID Provider for tests: oidc-provider (OpenID certified), in a process of its own so
// a test can move ITS clock (an expired ID token) without touching anyone else's. Started by
// tests/support/oidc-provider.ts, which passes the settings as JSON in OIDC_TEST_SETTINGS and
// reads "listening <port>" from stdout. Besides the provider's own endpoints it answers, for the
// test that started it only (loopback), under /__test/:
//   POST /__test/users     {"login", "claims"}   the claims findAccount gives that login
//   POST /__test/clock     {"offset_seconds"}    the provider's clock is moved by that much
//   POST /__test/audience  {"client_id"|null}    ID tokens are issued for that client (a wrong aud)
// Login pages are oidc-provider's development interactions: any password, the login names the user.
// With `tls` (certificate and key files) it serves https, as a production issuer must
// (the benchmark's single sign-on scenario runs Rollcall with production settings).
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import Provider from "oidc-provider";

interface Settings {
  port: number;
  clients: { client_id: string; client_secret: string; redirect_uris: string[] }[];
  tls?: { cert: string; key: string };
}
const settings = JSON.parse(process.env.OIDC_TEST_SETTINGS ?? "{}") as Settings;
const issuer = `${settings.tls ? "https" : "http"}://127.0.0.1:${settings.port}`;

const users = new Map<string, Record<string, unknown>>();
let clockOffsetMs = 0;
let audienceOverride: string | null = null;

// The provider's notion of now (epoch_time, JWT iat/exp, session auth_time) is Date.now.
const realNow = Date.now.bind(Date);
Date.now = () => realNow() + clockOffsetMs;

const provider = new Provider(issuer, {
  clients: settings.clients.map((c) => ({ ...c, grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" })),
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name", "groups"] },
  // the scope's claims ride in the ID token too, as Keycloak, Google and Entra ID send them
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["test-only-cookie-key-0123456789abcdef"] },
  async findAccount(_ctx, id) {
    const claims = users.get(id);
    if (!claims) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
  },
});
provider.on("server_error", (_ctx, error) => console.error("oidc-provider server_error", error));

// A provider that issues tokens for the wrong client: its own keys sign an ID token whose aud is another client.
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function (this: InstanceType<typeof provider.IdToken> & { client: unknown }, ...args: Parameters<typeof issue>) {
  if (audienceOverride) this.client = await provider.Client.find(audienceOverride);
  return issue.apply(this, args);
};

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

const handle = provider.callback();
const listener: http.RequestListener = (req, res) => {
  if (!req.url?.startsWith("/__test/")) return void handle(req, res);
  void readJson(req).then((body) => {
    if (req.url === "/__test/users") users.set(String(body.login), body.claims as Record<string, unknown>);
    else if (req.url === "/__test/clock") clockOffsetMs = Number(body.offset_seconds) * 1000;
    else if (req.url === "/__test/audience") audienceOverride = typeof body.client_id === "string" ? body.client_id : null;
    else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(204).end();
  });
};
const server = settings.tls
  ? https.createServer({ cert: fs.readFileSync(settings.tls.cert), key: fs.readFileSync(settings.tls.key) }, listener)
  : http.createServer(listener);
server.listen(settings.port, "127.0.0.1", () => console.log(`listening ${settings.port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
