// npm run nginx:render -- --upstreams 127.0.0.1:3001,127.0.0.1:3002 --cert FILE --key FILE
//   [--prefix /var/lib/rollcall-nginx] [--http-port 80] [--https-port 443] [--listen ADDRESS]
//   [--static-root /opt/rollcall/static] [--proxy-bind 127.0.0.2] [--out FILE]
// Fills deploy/nginx/rollcall.conf's placeholders and creates the prefix folder with nginx's temp folders.
import fs from "node:fs";
import path from "node:path";
import { NGINX_TEMP_DIRS, renderNginx } from "../lib/ops/render-nginx";
import { cliArgs } from "./cli";

const USAGE =
  "usage: npm run nginx:render -- --upstreams ADDR:PORT[,ADDR:PORT…] --cert FILE --key FILE [--prefix DIR] [--http-port 80] [--https-port 443] [--listen ADDRESS] [--static-root DIR] [--proxy-bind 127.0.0.2] [--out FILE]";

function main() {
  const { values } = cliArgs({
    upstreams: { type: "string" },
    cert: { type: "string" },
    key: { type: "string" },
    prefix: { type: "string" },
    "http-port": { type: "string" },
    "https-port": { type: "string" },
    listen: { type: "string" },
    "static-root": { type: "string" },
    "proxy-bind": { type: "string" },
    out: { type: "string" },
  });
  if (!values.upstreams || !values.cert || !values.key) throw new Error(USAGE);
  const prefix = path.resolve(values.prefix ?? "/var/lib/rollcall-nginx");
  const template = fs.readFileSync(path.join(__dirname, "..", "deploy", "nginx", "rollcall.conf"), "utf8");
  const conf = renderNginx(template, {
    prefix,
    upstreams: values.upstreams.split(",").map((u) => u.trim()).filter(Boolean),
    httpPort: Number(values["http-port"] ?? 80),
    httpsPort: Number(values["https-port"] ?? 443),
    cert: path.resolve(values.cert),
    key: path.resolve(values.key),
    listenAddress: values.listen,
    staticRoot: values["static-root"] ? path.resolve(values["static-root"]) : undefined,
    proxyBind: values["proxy-bind"],
  });
  for (const sub of NGINX_TEMP_DIRS) fs.mkdirSync(path.join(prefix, sub), { recursive: true });
  if (values.out) {
    fs.writeFileSync(values.out, conf);
    console.error(`wrote ${values.out}; check it with: nginx -t -c ${path.resolve(values.out)} -p ${prefix}`);
  } else {
    process.stdout.write(conf);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
