"use client";
// Presentation mode for the projector: full screen (Fullscreen API, where the browser allows it)
// with the controls and the cursor hidden until the mouse moves or a key is pressed, and hidden
// again after a few quiet seconds. Leaving full screen (Esc) ends presentation mode.
import { useCallback, useEffect, useRef, useState } from "react";

const IDLE_MS = 3000;

export function usePresentation(): { presenting: boolean; controlsShown: boolean; start: () => void; stop: () => void } {
  const [presenting, setPresenting] = useState(false);
  const [awake, setAwake] = useState(true);
  const idleRef = useRef<number | null>(null);
  const fullscreenRef = useRef(false);

  const start = useCallback(() => {
    setPresenting(true);
    setAwake(false); // the click that started it is not a wish to see the controls
    const el = document.documentElement;
    if (el.requestFullscreen && !document.fullscreenElement) {
      el.requestFullscreen({ navigationUI: "hide" })
        .then(() => (fullscreenRef.current = true))
        .catch(() => undefined); // refused (an iframe, a kiosk): presentation mode still hides the controls
    }
  }, []);

  const stop = useCallback(() => {
    setPresenting(false);
    setAwake(true);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);

  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement) return;
      if (fullscreenRef.current) {
        fullscreenRef.current = false;
        setPresenting(false);
        setAwake(true);
      }
    };
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  useEffect(() => {
    if (!presenting) return;
    const wake = () => {
      setAwake(true);
      if (idleRef.current !== null) window.clearTimeout(idleRef.current);
      idleRef.current = window.setTimeout(() => setAwake(false), IDLE_MS);
    };
    window.addEventListener("mousemove", wake);
    window.addEventListener("pointerdown", wake);
    window.addEventListener("keydown", wake);
    return () => {
      window.removeEventListener("mousemove", wake);
      window.removeEventListener("pointerdown", wake);
      window.removeEventListener("keydown", wake);
      if (idleRef.current !== null) window.clearTimeout(idleRef.current);
    };
  }, [presenting]);

  return { presenting, controlsShown: !presenting || awake, start, stop };
}
