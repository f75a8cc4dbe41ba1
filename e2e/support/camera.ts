// A phone camera for e2e journeys: Chromium's fake capture device fed with one frame (a y4m
// file) of a projected code: a Y4M header, one FRAME, then the I420 planes (Y, then U and V).
import fs from "node:fs";
import path from "node:path";
import { chromium, expect, type Browser } from "@playwright/test";
import sharp from "sharp";
import { chromiumLaunch } from "../../playwright.config";

/** A 640×480 I420 y4m frame with the image centred on white. */
export async function writeY4m(file: string, png: Buffer | null): Promise<void> {
  const W = 640;
  const H = 480;
  let y: Buffer;
  if (png) {
    const side = 400;
    y = await sharp(png)
      .resize(side, side, { kernel: "nearest" })
      .flatten({ background: "#ffffff" })
      .extend({ top: (H - side) / 2, bottom: (H - side) / 2, left: (W - side) / 2, right: (W - side) / 2, background: "#ffffff" })
      .greyscale()
      .raw()
      .toBuffer();
  } else {
    y = Buffer.alloc(W * H, 235);
  }
  expect(y.length).toBe(W * H);
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma, chroma]));
}

export async function cameraBrowser(y4m: string): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunch,
    args: [...chromiumLaunch.args, "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${y4m}`, "--use-fake-ui-for-media-stream"],
  });
}
