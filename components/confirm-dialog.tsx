"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { BUTTON } from "./button-styles";

/**
 * A modal confirmation on the native `<dialog>`: role `dialog`, focus kept inside, Escape
 * cancels. The parent owns `open`; the dialog only reports the operator's answer.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  isDestructive = false,
  isPending = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  isDestructive?: boolean;
  isPending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="border-border bg-panel text-ink backdrop:bg-ink/40 m-auto w-full max-w-md rounded-md border p-0 shadow-lg"
    >
      {open && (
        <div className="p-5">
          <h2 id="confirm-dialog-title" className="text-base font-semibold">
            {title}
          </h2>
          <div className="text-ink mt-2 text-sm">{children}</div>
          <div className="mt-5 flex justify-end gap-2">
            <button type="button" onClick={onCancel} className={BUTTON.secondary}>
              Cancel
            </button>
            <button
              type="button"
              onClick={onConfirm}
              disabled={isPending}
              autoFocus
              className={isDestructive ? BUTTON.danger : BUTTON.primary}
            >
              Confirm
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
