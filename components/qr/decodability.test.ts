// Every projected code must decode. Renders random real payloads with the projector's own
// component (QrDisplay: qrcode.react, level M, quiet zone), rasterises the SVG with librsvg
// (sharp, which Next already installs), and decodes with the exact zxing-wasm build the
// scanner's barcode-detector ponyfill uses, loaded from the same .wasm file — all offline.
import fs from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { ZXING_WASM_VERSION as DETECTOR_ZXING_VERSION } from "barcode-detector/ponyfill";
import { prepareZXingModule, readBarcodes, ZXING_WASM_VERSION } from "zxing-wasm/reader";
import { encodeQrToken, qrUrl } from "@/lib/qr/token";
import { cryptoRandom, shortId } from "@/lib/random";
import { QrDisplay } from "./QrDisplay";

const WASM = path.resolve(__dirname, "../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm");
const HOSTS = ["https://attendance.college.edu", "https://rollcall.example.edu", "https://att.uni.ac.uk"];
const SECRET = "c".repeat(64);

beforeAll(async () => {
  const wasm = fs.readFileSync(WASM);
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
});

function randomUrl(i: number): string {
  const token = encodeQrToken(
    { qrSessionId: shortId(), eventId: shortId(), nonce: cryptoRandom.bytes(16), issuedAt: new Date(Date.now() - cryptoRandom.int(1e9)), lifetimeSeconds: 60 },
    SECRET,
  );
  return qrUrl(HOSTS[i % HOSTS.length]!, token);
}

async function renderAndDecode(url: string, pixels: number) {
  const svg = renderToStaticMarkup(createElement(QrDisplay, { value: url }));
  const png = await sharp(Buffer.from(svg)).resize(pixels, pixels).flatten({ background: "#ffffff" }).png().toBuffer();
  return readBarcodes(new Uint8Array(png), { formats: ["QRCode"], tryHarder: false });
}

describe("projected QR codes", () => {
  it("use the same zxing-wasm build as the scanner", () => {
    expect(ZXING_WASM_VERSION).toBe(DETECTOR_ZXING_VERSION);
  });

  it("stay within 120 characters and error-correction level M", async () => {
    const url = randomUrl(0);
    expect(url.length).toBeLessThanOrEqual(120);
    const [result] = await renderAndDecode(url, 600);
    expect(result?.ecLevel).toBe("M");
  });

  it("all 300 random payloads decode, at projector size and at a small size", { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      const url = randomUrl(i);
      // every other code at 240 px (about 4.5 px per module): a far, small view of the screen
      const results = await renderAndDecode(url, i % 2 === 0 ? 640 : 240);
      if (results.length !== 1 || results[0]!.text !== url) failures.push(url);
    }
    expect(failures).toEqual([]);
  });
});
