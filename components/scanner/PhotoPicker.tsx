"use client";
// The photo fallback: the file input itself stays for the keyboard and screen readers, visually
// replaced by a large button (the browser's own "Choose file" is tiny and unstyled on phones).
export function PhotoPicker({ onPhoto }: { onPhoto: (file: File) => void }) {
  return (
    <label className="flex cursor-pointer items-center justify-center gap-3 rounded-xl border-2 border-dashed border-brand-600 bg-brand-50 px-4 py-4 text-base font-semibold text-brand-700 focus-within:outline focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-brand-600 hover:bg-brand-100">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 shrink-0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
        <circle cx="12" cy="13" r="3.5" />
      </svg>
      <span>Take or choose a photo of the code</span>
      <input
        data-testid="photo-input"
        type="file"
        accept="image/*"
        capture="environment"
        className="sr-only"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ""; // choosing the same photo again must fire again
          if (file) onPhoto(file);
        }}
      />
    </label>
  );
}
