// Preloaded (node --import) by the test runs on a second Node.js version (scripts/test-all.sh):
// a native addon under node_modules is loaded from .tmp/native/abi-<this Node's ABI>/ when
// scripts/node24-setup.sh compiled a copy there, so node_modules keeps the build for the
// project's own Node and the two versions never overwrite each other's binaries.
// Harmless elsewhere: with no copy for this ABI, every addon loads from node_modules as usual.
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const modules = path.join(root, "node_modules");
const copies = path.join(root, ".tmp", "native", `abi-${process.versions.modules}`);
const extensions = Module._extensions;
const loadNative = extensions[".node"];

extensions[".node"] = function (module, filename) {
  const relative = path.relative(modules, filename);
  const copy = path.join(copies, relative);
  const use = !relative.startsWith("..") && fs.existsSync(copy) ? copy : filename;
  return loadNative.call(this, module, use);
};
