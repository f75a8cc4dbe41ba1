"use client";
// The in-app scanner: rear camera by default, continuous decode with BarcodeDetector (native
// where the browser has it, else the barcode-detector ponyfill's zxing-wasm served from
// /zxing/), a photo fallback and a short-code fallback. The camera starts on a tap, never in
// an effect (React StrictMode would start it twice in development).
import { useCallback, useEffect, useRef, useState } from "react";
import { CameraHelp } from "./CameraHelp";
import { errorOutcome, successOutcome, type Outcome } from "./messages";
import { ScanResult } from "./ScanResult";
import { useHydrated } from "@/components/ui/use-hydrated";
import { callApi, type CallArgs } from "@/lib/client/call-api";

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

export function Scanner() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const loopRef = useRef<number | null>(null);
  const startedAtRef = useRef(0);
  const [phase, setPhase] = useState<Phase>("idle");
  const [result, setResult] = useState<Result | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraIndex, setCameraIndex] = useState(-1);
  const [decodeMs, setDecodeMs] = useState<number | null>(null);
  const [shortCode, setShortCode] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const hydrated = useHydrated();
  const fallbackRef = useRef<HTMLDetailsElement>(null);
  const codeInputRef = useRef<HTMLInputElement>(null);

  const retypeCode = () => {
    setResult(null);
    setPhase("idle");
    if (fallbackRef.current) fallbackRef.current.open = true;
    codeInputRef.current?.select();
    codeInputRef.current?.focus();
  };

  const stopCamera = useCallback(() => {
    if (loopRef.current !== null) window.clearTimeout(loopRef.current);
    loopRef.current = null;
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  useEffect(() => stopCamera, [stopCamera]);

  const submit = useCallback(async (body: MarkBody): Promise<void> => {
    setPhase("submitting");
    let payload = body;
    // at most twice: a geofenced event answers location_required, then we ask for the location
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await callApi("POST /api/attendance/mark", { body: payload });
      if (res.ok) {
        navigator.vibrate?.(120);
        const already = "already_marked" in res.data;
        setResult({ code: already ? "already_marked" : "marked", outcome: successOutcome(res.data.status, res.data.event.title, res.data.marked_at, already) });
        break;
      }
      if (res.error.code === "location_required" && attempt === 0) {
        const pos = await currentPosition();
        if (pos) {
          payload = { ...body, latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy_m: pos.coords.accuracy };
          continue;
        }
      }
      setResult({ code: res.error.code, outcome: errorOutcome(res.error.code, "short_code" in body ? "code" : "camera", res.error) });
      break;
    }
    setPhase("done");
  }, []);

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
        const list = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "videoinput");
        setCameras(list);
        const loop = async () => {
          if (!streamRef.current) return;
          try {
            if (video.readyState >= 2) {
              const detector = await getDetector();
              const hit = (await detector.detect(video)).find((b) => b.rawValue);
              if (hit && streamRef.current) return onDecoded(hit.rawValue);
            }
          } catch {
            /* a frame that cannot be read: try the next one */
          }
          if (streamRef.current) loopRef.current = window.setTimeout(loop, DECODE_INTERVAL_MS);
        };
        loopRef.current = window.setTimeout(loop, 0);
      } catch (error) {
        const name = (error as { name?: string }).name;
        setPhase(name === "NotAllowedError" || name === "SecurityError" ? "blocked" : "idle");
        if (name !== "NotAllowedError" && name !== "SecurityError") setNote("No camera found. Use “Scan a photo” or type the short code.");
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

  const onPhoto = async (file: File | undefined) => {
    if (!file) return;
    stopCamera();
    setResult(null);
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
    void submit({ short_code: shortCode });
  };

  const scanning = phase === "starting" || phase === "scanning";
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4" data-testid="scanner" data-hydrated={hydrated} data-phase={phase} data-decode-ms={decodeMs ?? ""}>
      {result && (
        <ScanResult outcome={result.outcome} code={result.code}>
          {result.outcome.next === "rescan" && (
            <button type="button" onClick={() => void startCamera()} className="rounded-xl bg-brand-700 px-5 py-3 font-semibold text-white">
              Scan again
            </button>
          )}
          {result.outcome.next === "type_code" && (
            <button type="button" data-testid="retype-code" onClick={retypeCode} className="rounded-xl bg-brand-700 px-5 py-3 font-semibold text-white">
              Type the code again
            </button>
          )}
          <a href="/home" className="font-medium underline">My attendance</a>
        </ScanResult>
      )}
      {phase === "blocked" && <CameraHelp />}
      {note && <p data-testid="scan-note" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">{note}</p>}
      <div className={`relative overflow-hidden rounded-2xl bg-slate-900 ${scanning ? "" : "hidden"}`}>
        <video ref={videoRef} data-testid="scan-video" playsInline muted className="aspect-[3/4] w-full object-cover" />
        <div aria-hidden="true" className="pointer-events-none absolute inset-[12%] rounded-xl border-4 border-white/80" />
        <p className="absolute inset-x-0 bottom-2 text-center text-sm text-white/90" aria-live="polite">
          {phase === "starting" ? "Starting camera…" : "Point at the code on the screen"}
        </p>
      </div>
      {phase === "submitting" && <p data-testid="scan-submitting" className="text-center text-slate-600">Checking…</p>}
      <div className="flex flex-wrap gap-2">
        {!scanning ? (
          <button type="button" data-testid="start-camera" onClick={() => void startCamera()} className="flex-1 rounded-xl bg-brand-700 px-5 py-4 text-lg font-semibold text-white">
            Start camera
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
      <details ref={fallbackRef} className="rounded-xl border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">Camera not working?</summary>
        <div className="mt-3 space-y-4">
          <label className="block">
            <span className="text-sm font-medium">Scan a photo of the code</span>
            <input data-testid="photo-input" type="file" accept="image/*" capture="environment" onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = ""; // choosing the same photo again must fire again
                void onPhoto(file);
              }} className="mt-1 block w-full text-sm" />
          </label>
          <form onSubmit={onShortCode} className="space-y-2">
            <label htmlFor="short-code" className="block text-sm font-medium">Type the short code under the QR</label>
            <div className="flex gap-2">
              <input
                id="short-code"
                ref={codeInputRef}
                data-testid="short-code-input"
                value={shortCode}
                onChange={(e) => setShortCode(e.target.value.toUpperCase())}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                maxLength={7}
                inputMode="text"
                placeholder="e.g. K7HQ3D"
                className="w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-lg tracking-widest uppercase"
              />
              <button type="submit" className="rounded-lg bg-slate-800 px-4 py-2 font-semibold text-white">Send</button>
            </div>
          </form>
        </div>
      </details>
    </div>
  );
}
