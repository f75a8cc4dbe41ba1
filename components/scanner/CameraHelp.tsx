/** How to allow the camera again, for the two browsers students use. */
export function CameraHelp() {
  return (
    <section data-testid="camera-blocked" className="rounded-2xl border-2 border-amber-300 bg-amber-50 p-5 text-amber-950">
      <h2 className="text-xl font-bold">Camera blocked</h2>
      <p className="mt-1">Rollcall needs the camera to read the code. Allow it, then tap “Start camera” again:</p>
      <ul className="mt-3 list-disc space-y-2 pl-5 text-sm">
        <li><strong>iPhone (Safari):</strong> tap <em>aA</em> in the address bar → <em>Website Settings</em> → <em>Camera</em> → <em>Allow</em>. Or Settings → Safari → Camera → Allow.</li>
        <li><strong>Android (Chrome):</strong> tap the icon left of the address → <em>Permissions</em> → <em>Camera</em> → <em>Allow</em>. Then reload the page.</li>
      </ul>
      <p className="mt-3 text-sm">No luck? Use “Scan a photo” or type the short code under the QR below.</p>
    </section>
  );
}
