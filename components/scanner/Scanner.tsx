"use client";
// The in-app scanner: rear camera by default, continuous decode with BarcodeDetector (native
// where the browser has it, else the barcode-detector ponyfill's zxing-wasm served from
// /zxing/), a photo fallback and a short-code fallback. The camera starts on a tap, never in
// an effect (React StrictMode would start it twice in development). A phone without a camera
// gets the fallbacks opened at once; a camera that finds no code for a while gets a hint; a
// success stops the camera and fills the screen; a typed code's error sits under the field.
import { useCallback, useEffect, useRef, useState } from "react";
import { CameraHelp } from "./CameraHelp";
import { errorOutcome, successOutcome, type Outcome } from "./messages";
import { PhotoPicker } from "./PhotoPicker";
import { ScanResult } from "./ScanResult";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type CallArgs } from "@/lib/client/call-api";
import { viewerTimeZone } from "@/lib/time/format";

type MarkBody = CallArgs<"POST /api/attendance/mark">["body"];

interface Detector {
  detect(source: ImageBitmapSource | HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

let detectorPromise: Promise<Detector> | null = null;
/** Native BarcodeDetector when it reads QR codes; otherwise the wasm ponyfill (loaded on demand). */
function getDetector(): Promise<Detector> {
  detectorPromise ??= (async () => {
    const Native = (globalThis as unknown as { BarcodeDetector?: { new (o: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
    if (Native && (await Native.getSupportedFormats().catch((): string[] => [])).includes("qr_code")) return new Native({ formats: ["qr_code"] });
    const { BarcodeDetector, prepareZXingModule } = await import("barcode-detector/ponyfill");
    prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? `/zxing/${path}` : prefix + path) },
    });
    return new BarcodeDetector({ formats: ["qr_code"] }) as unknown as Detector;
  })();
  detectorPromise.catch(() => (detectorPromise = null));
  return detectorPromise;
}

function currentPosition(): Promise<GeolocationPosition | null> {
  return new Promise((resolve) =>
    navigator.geolocation ? navigator.geolocation.getCurrentPosition(resolve, () => resolve(null), { enableHighAccuracy: true, timeout: 10_000 }) : resolve(null),
  );
}

type Phase = "idle" | "starting" | "scanning" | "submitting" | "done" | "blocked";
interface Result {
  code: string;
  outcome: Outcome;
}

const DECODE_INTERVAL_MS = 120;
/** how long the camera may look without finding a code before the scanner offers a hint */
export const HINT_AFTER_MS = 10_000;

export interface ScannerProps {
  /** open the code field at once (the projector's /c address), optionally filled */
  typeCode?: boolean;
  initialCode?: string;
}

export function Scanner({ typeCode = false, initialCode = "" }: ScannerProps) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const loopRef = useRef<number | null>(null);
  const hintRef = useRef<number | null>(null);
  const startedAtRef = useRef(0);
  const [phase, setPhase] = useState<Phase>("idle");
  const [result, setResult] = useState<Result | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraIndex, setCameraIndex] = useState(-1);
  const [decodeMs, setDecodeMs] = useState<number | null>(null);
  const [shortCode, setShortCode] = useState(initialCode);
  const [codeError, setCodeError] = useState<Result | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [hint, setHint] = useState(false);
  const [noCamera, setNoCamera] = useState(false);
  const [fallbackOpen, setFallbackOpen] = useState(typeCode);
  const hydrated = useHydrated();
  const codeInputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const focusCode = useCallback(() => {
    setFallbackOpen(true);
    // after React has opened the fallback
    window.setTimeout(() => {
      codeInputRef.current?.focus();
      codeInputRef.current?.select();
    }, 0);
  }, []);

  const stopCamera = useCallback(() => {
    if (loopRef.current !== null) window.clearTimeout(loopRef.current);
    if (hintRef.current !== null) window.clearTimeout(hintRef.current);
    loopRef.current = null;
    hintRef.current = null;
    setHint(false);
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  useEffect(() => stopCamera, [stopCamera]);

  // no camera on this device (or no camera API, e.g. plain http): open the fallbacks at once
  useEffect(() => {
    let alive = true;
    const devices = navigator.mediaDevices;
    // no camera API at all (plain http, an old browser): no camera
    const listed: Promise<MediaDeviceInfo[]> = typeof devices?.enumerateDevices === "function" ? devices.enumerateDevices() : Promise.resolve([]);
    void listed
      .then((list) => {
        if (alive && !list.some((d) => d.kind === "videoinput")) {
          setNoCamera(true);
          setFallbackOpen(true);
        }
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  // the projector's /c address: the code field is the point of the visit
  useEffect(() => {
    if (typeCode && hydrated) codeInputRef.current?.focus(); // the fallback starts open (fallbackOpen)
  }, [typeCode, hydrated]);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const submit = useCallback(
    async (body: MarkBody): Promise<void> => {
      setPhase("submitting");
      setCodeError(null);
      const viaCode = "short_code" in body;
      let payload = body;
      // at most twice: a geofenced event answers location_required, then we ask for the location
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await callApi("POST /api/attendance/mark", { body: payload });
        if (res.ok) {
          navigator.vibrate?.(120);
          const already = "already_marked" in res.data;
          setResult({ code: already ? "already_marked" : "marked", outcome: successOutcome(res.data.status, res.data.event.title, res.data.marked_at, already, viewerTimeZone() ?? "UTC") });
          break;
        }
        if (res.error.code === "location_required" && attempt === 0) {
          const pos = await currentPosition();
          if (pos) {
            payload = { ...body, latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy_m: pos.coords.accuracy };
            continue;
          }
        }
        const outcome = errorOutcome(res.error.code, viaCode ? "code" : "camera", res.error);
        if (viaCode && outcome.next === "type_code") {
          // a typed code's problem belongs next to the field: say it there and put the cursor back
          setCodeError({ code: res.error.code, outcome: { ...outcome, body: res.error.fields.short_code ?? outcome.body } });
          setPhase("idle");
          focusCode();
          return;
        }
        setResult({ code: res.error.code, outcome });
        break;
      }
      setPhase("done");
    },
    [focusCode],
  );

  const onDecoded = useCallback(
    (text: string) => {
      setDecodeMs(Math.round(performance.now() - startedAtRef.current));
      stopCamera();
      void submit({ qr_payload: text });
    },
    [stopCamera, submit],
  );

  const startCamera = useCallback(
    async (index = cameraIndex) => {
      stopCamera();
      setResult(null);
      setCodeError(null);
      setNote(null);
      setPhase("starting");
      startedAtRef.current = performance.now();
      void getDetector().catch(() => undefined); // fetch the decoder while the camera starts
      const device = index >= 0 ? cameras[index] : undefined;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: device ? { deviceId: { exact: device.deviceId } } : { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        });
        streamRef.current = stream;
        const video = videoRef.current!;
        video.srcObject = stream;
        await video.play().catch(() => undefined);
        setPhase("scanning");
        hintRef.current = window.setTimeout(() => setHint(true), HINT_AFTER_MS);
        // when the hint is due (this page's clock): a test of it counts from here, not from its own clicks
        video.dataset.hintDueAt = String(Date.now() + HINT_AFTER_MS);
        const list = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "videoinput");
        setCameras(list);
        let framesRead = 0;
        const loop = async () => {
          if (!streamRef.current) return;
          try {
            if (video.readyState >= 2) {
              const detector = await getDetector();
              const hit = (await detector.detect(video)).find((b) => b.rawValue);
              if (hit && streamRef.current) return onDecoded(hit.rawValue);
              // how many frames the decoder has looked at (no re-render): a test of a blank feed
              // waits for this instead of a fixed time, which on a slow machine may be no frame at all
              video.dataset.framesRead = String(++framesRead);
            }
          } catch {
            /* a frame that cannot be read: try the next one */
          }
          if (streamRef.current) loopRef.current = window.setTimeout(loop, DECODE_INTERVAL_MS);
        };
        loopRef.current = window.setTimeout(loop, 0);
      } catch (error) {
        const name = (error as { name?: string }).name;
        const blocked = name === "NotAllowedError" || name === "SecurityError";
        setPhase(blocked ? "blocked" : "idle");
        if (!blocked) {
          setNoCamera(true);
          setNote("No camera found. Take a photo of the code with another app, or type the short code.");
        }
        setFallbackOpen(true);
      }
    },
    [cameraIndex, cameras, onDecoded, stopCamera],
  );

  const switchCamera = () => {
    if (cameras.length < 2) return;
    const next = (cameraIndex + 1) % cameras.length;
    setCameraIndex(next);
    void startCamera(next);
  };

  const onPhoto = async (file: File) => {
    stopCamera();
    setResult(null);
    setCodeError(null);
    setNote(null);
    setPhase("submitting");
    try {
      const detector = await getDetector();
      const bitmap = await createImageBitmap(file);
      const found = await detector.detect(bitmap);
      bitmap.close();
      const hit = found.find((b) => b.rawValue);
      if (hit) return void submit({ qr_payload: hit.rawValue });
      setNote("No code found in that photo. Take it closer, straight on, with the whole code in view.");
    } catch {
      setNote("That photo could not be read. Try another one.");
    }
    setPhase("idle");
  };

  const onShortCode = (e: React.FormEvent) => {
    e.preventDefault();
    stopCamera();
    setResult(null);
    const code = shortCode.trim();
    if (!/^[A-Z0-9]{6}$/.test(code)) {
      setCodeError({ code: "validation_failed", outcome: { tone: "error", title: "Check the code", body: "Type the 6 letters and digits shown under the code on the screen.", next: "type_code" } });
      codeInputRef.current?.focus();
      return;
    }
    void submit({ short_code: code });
  };

  const scanning = phase === "starting" || phase === "scanning";
  // a verdict with nothing left to do fills the screen: no camera, no fallbacks around it
  const settled = result !== null && result.outcome.next === "none";
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4" data-testid="scanner" data-hydrated={hydrated} data-phase={phase} data-decode-ms={decodeMs ?? ""} data-no-camera={noCamera}>
      {result && (
        <div ref={resultRef} tabIndex={-1} className="focus:outline-none">
          <ScanResult outcome={result.outcome} code={result.code} large={settled}>
            {result.outcome.next === "rescan" && (
              <button type="button" data-testid="scan-again" onClick={() => void startCamera()} className="rounded-xl bg-brand-700 px-5 py-3 font-semibold text-white">
                Scan again
              </button>
            )}
            {result.outcome.next === "type_code" && (
              <button type="button" data-testid="retype-code" onClick={() => { setResult(null); setPhase("idle"); focusCode(); }} className="rounded-xl bg-brand-700 px-5 py-3 font-semibold text-white">
                Type the code again
              </button>
            )}
            <a href="/home" className="font-medium underline">My attendance</a>
          </ScanResult>
        </div>
      )}
      {!settled && (
        <>
          {phase === "blocked" && <CameraHelp />}
          {note && <p data-testid="scan-note" role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{note}</p>}
          <div className={`relative overflow-hidden rounded-2xl bg-slate-900 ${scanning ? "" : "hidden"}`}>
            <video ref={videoRef} data-testid="scan-video" playsInline muted className="aspect-[3/4] w-full object-cover" />
            <div aria-hidden="true" className="pointer-events-none absolute inset-[12%] rounded-xl border-4 border-white/80" />
            <p className="absolute inset-x-0 bottom-2 px-3 text-center text-sm text-white/90" aria-live="polite">
              {phase === "starting" ? "Starting camera…" : "Point at the code on the screen"}
            </p>
          </div>
          {scanning && hint && (
            <div data-testid="scan-hint" role="status" className="rounded-xl border border-sky-200 bg-sky-50 p-4 text-sky-950">
              <p className="font-semibold">No code found yet. Try this:</p>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
                <li>Move closer, so the code fills the white square.</li>
                <li>Tilt the phone a little to get rid of glare on the screen.</li>
                <li>Hold still for a second; in a dark room, step where the screen looks brightest.</li>
              </ul>
            </div>
          )}
          {phase === "submitting" && <p data-testid="scan-submitting" className="text-center text-slate-600">Checking…</p>}
          {noCamera ? (
            <p data-testid="no-camera" className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
              This device has no camera Rollcall can use. Scan a photo of the code or type the short code below.
            </p>
          ) : (
            <div className="flex flex-wrap gap-2">
              {!scanning ? (
                <button type="button" data-testid="start-camera" onClick={() => void startCamera()} className="flex-1 rounded-xl bg-brand-700 px-5 py-4 text-lg font-semibold text-white">
                  {result ? "Start camera again" : "Start camera"}
                </button>
              ) : (
                <>
                  <button type="button" onClick={() => { stopCamera(); setPhase("idle"); }} className="flex-1 rounded-xl border border-slate-300 bg-white px-4 py-3 font-medium">
                    Stop
                  </button>
                  {cameras.length > 1 && (
                    <button type="button" data-testid="switch-camera" onClick={switchCamera} className="flex-1 rounded-xl border border-slate-300 bg-white px-4 py-3 font-medium">
                      Switch camera
                    </button>
                  )}
                </>
              )}
            </div>
          )}
          <details data-testid="scan-fallback" open={fallbackOpen} onToggle={(e) => setFallbackOpen(e.currentTarget.open)} className="rounded-xl border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer font-medium">{noCamera ? "Scan a photo or type the code" : "Camera not working?"}</summary>
            <div className="mt-3 space-y-5">
              <PhotoPicker onPhoto={(file) => void onPhoto(file)} />
              <form onSubmit={onShortCode} className="space-y-2" noValidate>
                <label htmlFor="short-code" className="block text-sm font-medium">Type the short code under the QR</label>
                <div className="flex gap-2">
                  <input
                    id="short-code"
                    ref={codeInputRef}
                    data-testid="short-code-input"
                    value={shortCode}
                    onChange={(e) => { setShortCode(e.target.value.toUpperCase()); setCodeError(null); }}
                    autoCapitalize="characters"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={7}
                    inputMode="text"
                    placeholder="e.g. K7HQ3D"
                    aria-invalid={codeError ? true : undefined}
                    aria-describedby={codeError ? "short-code-error" : undefined}
                    className="w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-lg tracking-widest aria-[invalid=true]:border-rose-600"
                  />
                  <button type="submit" disabled={phase === "submitting"} className="rounded-lg bg-slate-800 px-4 py-2 font-semibold text-white disabled:opacity-60">Send</button>
                </div>
                <div aria-live="assertive">
                  {codeError && (
                    <p id="short-code-error" data-testid="short-code-error" data-outcome={codeError.code} className="text-sm text-rose-800">
                      <strong>{codeError.outcome.title}.</strong> {codeError.outcome.body}
                    </p>
                  )}
                </div>
              </form>
            </div>
          </details>
        </>
      )}
    </div>
  );
}
