// A passkey's default name: the authenticator's model when its AAGUID is a well-known one
// (shipped here, never fetched), else the kind of device it was made on, else "Passkey".

/** AAGUIDs of common passkey providers (the community list at passkeydeveloper/passkey-authenticator-aaguids). */
const KNOWN_AAGUIDS: Record<string, string> = {
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
  "adce0002-35bc-c60a-648b-0b25f1f05503": "Chrome on Mac",
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
  "dd4ec289-e01d-41c9-bb89-70fa845d4bf2": "iCloud Keychain (managed)",
  "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": "Windows Hello",
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": "Windows Hello",
  "53414d53-554e-4700-0000-000000000000": "Samsung Pass",
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
  "531126d6-e717-415c-9320-3d9aa6981239": "Dashlane",
  "0ea242b4-43c4-4a1b-8b17-dd6d0b6baec6": "Keeper",
};

/** 16 AAGUID bytes → "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (all zeros: the authenticator did not say). */
export function aaguidString(bytes: Uint8Array | undefined): string {
  if (!bytes || bytes.length !== 16 || bytes.every((b) => b === 0)) return "";
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function deviceOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const devices: [RegExp, string][] = [
    [/iPhone/, "iPhone"],
    [/iPad/, "iPad"],
    [/Android/, "Android phone"],
    [/Macintosh|Mac OS X/, "Mac"],
    [/Windows/, "Windows PC"],
    [/CrOS/, "Chromebook"],
    [/Linux/, "Linux PC"],
  ];
  return devices.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
}

export function defaultPasskeyName(aaguid: string, userAgent: string | null): string {
  const known = KNOWN_AAGUIDS[aaguid];
  if (known) return known;
  const device = deviceOf(userAgent);
  return device ? `Passkey on ${device}` : "Passkey";
}
