"use client";
import { useEffect, useState, type ComponentType } from "react";
import type { ExternalToast, ToasterProps } from "sonner";
import { afterLoad } from "./after-load";

// Toasts without sonner (~12.5 kB gzip) in any page's first load: the Toaster is fetched and mounted once the
// page has loaded and the browser is idle, or at once when a toast comes first. A toast waits until the
// Toaster is mounted, so none is lost; if sonner cannot be fetched (the connection dropped), the message is
// still said, as a plain live region.

let sonner: Promise<typeof import("sonner")> | null = null;
const loadSonner = () =>
  (sonner ??= import("sonner").catch((e: unknown) => {
    sonner = null; // tried again at the next toast
    throw e;
  }));

let toasterMounted!: () => void;
const mounted = new Promise<void>((resolve) => (toasterMounted = resolve));
let wanted = false;
let wake: (() => void) | null = null;
type Plain = { kind: "success" | "error" | "info" | "warning"; message: string };
let sayPlain: ((toast: Plain) => void) | null = null;

function show(kind: "success" | "error" | "info" | "warning", message: string, data?: ExternalToast): void {
  wanted = true;
  wake?.();
  void Promise.all([loadSonner(), mounted]).then(
    ([m]) => m.toast[kind](message, data),
    () => sayPlain?.({ kind, message }),
  );
}

export const toast = {
  success: (message: string, data?: ExternalToast) => show("success", message, data),
  error: (message: string, data?: ExternalToast) => show("error", message, data),
  info: (message: string, data?: ExternalToast) => show("info", message, data),
  warning: (message: string, data?: ExternalToast) => show("warning", message, data),
};

/** sonner's Toaster, mounted after the first load (or at the first toast). */
export function Toaster(props: ToasterProps) {
  const [Loaded, setLoaded] = useState<ComponentType<ToasterProps> | null>(null);
  const [plain, setPlain] = useState<Plain | null>(null);
  useEffect(() => {
    let live = true;
    let clear: ReturnType<typeof setTimeout> | undefined;
    sayPlain = (t) => {
      setPlain(t);
      clearTimeout(clear);
      clear = setTimeout(() => live && setPlain(null), 8000);
    };
    const load = () =>
      void loadSonner().then(
        (m) => live && setLoaded(() => m.Toaster),
        () => {},
      );
    wake = load;
    if (wanted) load();
    const cancel = afterLoad(load);
    return () => {
      live = false;
      wake = null;
      sayPlain = null;
      clearTimeout(clear);
      cancel();
    };
  }, []);
  // the Toaster's own effects (its subscription to toasts) run before this one
  useEffect(() => {
    if (Loaded) toasterMounted();
  }, [Loaded]);
  if (Loaded) return <Loaded {...props} />;
  return plain ? (
    <p
      role={plain.kind === "error" ? "alert" : "status"}
      className="fixed right-4 bottom-4 z-50 max-w-sm rounded-md border bg-background p-4 text-sm text-foreground shadow-lg"
    >
      {plain.message}
    </p>
  ) : null;
}
