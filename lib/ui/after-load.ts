"use client";

/**
 * Runs `task` once the page has loaded and the browser is idle: code a page may need soon (a form's checks,
 * the toasts) arrives without competing with the page's first load. Returns a cancel function.
 */
export function afterLoad(task: () => unknown): () => void {
  let cancel = () => {};
  const run = () => {
    if (typeof requestIdleCallback === "function") {
      const id = requestIdleCallback(() => task(), { timeout: 2000 });
      cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(() => task(), 200);
      cancel = () => clearTimeout(id);
    }
  };
  if (document.readyState === "complete") run();
  else window.addEventListener("load", run, { once: true });
  return () => {
    window.removeEventListener("load", run);
    cancel();
  };
}
