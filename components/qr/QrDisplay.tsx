import { memo } from "react";
import { QRCodeSVG } from "qrcode.react";
import { QR_SETTINGS } from "./qr-settings";

/** A high-contrast QR code that scales to its container (a square). Memoised: the projector
 * re-renders four times a second for its countdown, the code only on rotation. */
export const QrDisplay = memo(function QrDisplay({ value, size = 1024 }: { value: string; size?: number }) {
  return (
    <QRCodeSVG
      value={value}
      size={size}
      {...QR_SETTINGS}
      data-testid="projector-qr"
      data-value={value}
      title="Attendance code"
      style={{ display: "block", width: "100%", height: "100%" }}
    />
  );
});
