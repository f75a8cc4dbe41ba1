// The projector's QR settings, shared with the decodability test so it renders exactly the same.
export const QR_SETTINGS = {
  /** M: 15 % recovery with modules large enough for the back row (docs/design.md#qr-codes) */
  level: "M",
  /** keep M: qrcode.react would otherwise raise the level when it fits the same version */
  boostLevel: false,
  /** the 4-module quiet zone the QR standard asks for */
  marginSize: 4,
  bgColor: "#ffffff",
  fgColor: "#000000",
} as const;
