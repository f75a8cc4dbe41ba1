"use client";
// A consequential action asks first: a native modal <dialog> (focus moves into it, Escape
// cancels, the page behind is inert) that names what will happen. Two ways to use it:
// inside a <form> (a server action) the confirm button submits that form; with `onConfirm`
// it calls back instead.
import { useId, useRef } from "react";
import { useHydrated } from "./use-hydrated";

export function ConfirmDialog({
  trigger,
  triggerClassName,
  triggerLabel,
  title,
  children,
  confirm,
  confirmClassName = "rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900",
  onConfirm,
  disabled,
  testId,
}: {
  /** the button's visible text */
  trigger: React.ReactNode;
  triggerClassName: string;
  /** the button's accessible name when the visible text needs more context ("Make admin: Ada") */
  triggerLabel?: string;
  title: string;
  children: React.ReactNode;
  /** the confirming button's text: says what it does ("Make Ada an admin") */
  confirm: string;
  confirmClassName?: string;
  onConfirm?: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The dialog opens from the page's script: until it runs, a press would be lost without a word
  // (a slow phone, a quick hand), so the button is disabled until then.
  const hydrated = useHydrated();
  return (
    <>
      <button type="button" className={triggerClassName} aria-label={triggerLabel} disabled={disabled || !hydrated} data-testid={testId} onClick={() => dialog.current?.showModal()}>
        {trigger}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        data-testid={testId && `${testId}-dialog`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold">{title}</h2>
          <div className="space-y-2 text-sm text-slate-700">{children}</div>
          <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded-lg border border-slate-300 px-4 py-2 font-medium hover:bg-slate-100">
              Cancel
            </button>
            <button
              type={onConfirm ? "button" : "submit"}
              className={confirmClassName}
              onClick={() => {
                // a submit button's form submission happens after this handler; closing first is fine
                dialog.current?.close();
                onConfirm?.();
              }}
            >
              {confirm}
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
