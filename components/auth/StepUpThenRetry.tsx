"use client";
// For pages whose action is a plain form (a server action): after a step_up_required refusal,
// ask for the proof here, then tell the admin to repeat the action (allowed for 5 minutes).
import { useState } from "react";
import { StepUpPrompt } from "./StepUpPrompt";

export function StepUpThenRetry({ action }: { action: string }) {
  const [done, setDone] = useState(false);
  if (done) {
    return <p role="status" data-testid="step-up-done" className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900">Confirmed. Now repeat the change: you have 5 minutes.</p>;
  }
  return <StepUpPrompt action={action} onDone={() => setDone(true)} />;
}
