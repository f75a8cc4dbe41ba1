// A PNG of a code exactly as the projector draws it (same component and settings), for feeding
// the fake camera without opening a projector page.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QRCodeSVG } from "qrcode.react";
import sharp from "sharp";
import { QR_SETTINGS } from "../../components/qr/qr-settings";

export async function qrPng(value: string, size = 600): Promise<Buffer> {
  const svg = renderToStaticMarkup(createElement(QRCodeSVG, { value, size, ...QR_SETTINGS }));
  return sharp(Buffer.from(svg)).png().toBuffer();
}
