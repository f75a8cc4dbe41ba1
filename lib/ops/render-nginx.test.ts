import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderNginx } from "./render-nginx";

const template = fs.readFileSync(path.join(__dirname, "../../deploy/nginx/rollcall.conf"), "utf8");
const settings = { prefix: "/var/lib/rollcall-nginx/", upstreams: ["127.0.0.1:3001", "127.0.0.1:3002"], httpPort: 80, httpsPort: 443, cert: "/etc/ssl/rc.pem", key: "/etc/ssl/rc.key" };

describe("renderNginx", () => {
  it("fills every placeholder of the shipped template", () => {
    const conf = renderNginx(template, settings);
    expect(conf).not.toMatch(/\{\{/);
    expect(conf).toContain("    server 127.0.0.1:3001 max_fails=0;\n    server 127.0.0.1:3002 max_fails=0;");
    expect(conf).toContain("pid /var/lib/rollcall-nginx/nginx.pid;");
    expect(conf).toContain("listen 443 ssl http2;");
    expect(conf).toContain("return 301 https://$host:443$request_uri;");
    expect(conf).toContain("ssl_certificate /etc/ssl/rc.pem;");
    expect(renderNginx(template, { ...settings, listenAddress: "127.0.0.1", httpsPort: 8443 })).toContain("listen 127.0.0.1:8443 ssl http2;");
  });

  it("connects to the instances from 127.0.0.2 and serves build chunks from the releases' static folder", () => {
    const conf = renderNginx(template, settings);
    expect(conf).toContain("proxy_bind 127.0.0.2;");
    expect(conf).toContain("root /var/lib/rollcall-nginx/static;");
    expect(conf).toContain("try_files $uri @instances;");
    const chosen = renderNginx(template, { ...settings, staticRoot: "/opt/rollcall/static/", proxyBind: "10.0.0.5" });
    expect(chosen).toContain("root /opt/rollcall/static;");
    expect(chosen).toContain("proxy_bind 10.0.0.5;");
    expect(() => renderNginx(template, { ...settings, proxyBind: "127.0.0.2; include x" })).toThrow(/IP address/);
  });

  it("refuses what would break or inject into the configuration", () => {
    expect(() => renderNginx(template, { ...settings, upstreams: [] })).toThrow(/at least one/);
    expect(() => renderNginx(template, { ...settings, upstreams: ["127.0.0.1:3001; include /etc/passwd"] })).toThrow(/ADDRESS:PORT/);
    expect(() => renderNginx(template, { ...settings, prefix: "/tmp/a dir" })).toThrow(/paths/);
    expect(() => renderNginx(`${template}\n{{NEW}}`, settings)).toThrow(/NEW/);
  });
});
