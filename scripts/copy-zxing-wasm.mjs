// Build step: copy the zxing reader .wasm that barcode-detector actually uses (its own
// zxing-wasm dependency, nested or hoisted) into public/zxing/, so the scanner never needs a CDN.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const require = createRequire(path.join(root, "package.json"));
/** The folder of the package that `file` belongs to (exports maps hide package.json). */
function packageDir(file, name) {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, "package.json")) || JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name !== name) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${name} package`);
    dir = up;
  }
  return dir;
}
const detectorDir = packageDir(require.resolve("barcode-detector/ponyfill"), "barcode-detector");
const fromDetector = createRequire(path.join(detectorDir, "package.json"));
const zxingDir = packageDir(fromDetector.resolve("zxing-wasm/reader"), "zxing-wasm");
const version = JSON.parse(fs.readFileSync(path.join(zxingDir, "package.json"), "utf8")).version;
const source = path.join(zxingDir, "dist", "reader", "zxing_reader.wasm");
const targetDir = path.join(root, "public", "zxing");
fs.mkdirSync(targetDir, { recursive: true });
fs.copyFileSync(source, path.join(targetDir, "zxing_reader.wasm"));
fs.writeFileSync(path.join(targetDir, "VERSION"), `${version}\n`);
console.log(`copied zxing-wasm ${version} reader to public/zxing/`);
