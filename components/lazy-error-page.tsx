"use client";
import dynamic from "next/dynamic";
import { afterLoad } from "@/lib/ui/after-load";

// Every page carries its error boundaries (error.tsx, global-error.tsx), and each carried its own copy of
// ErrorPage with its button and icons (~10 kB gzip of every page's first load). Now the boundaries hold this
// loader, and ErrorPage is fetched once the page has loaded: when a page fails later, even with the server
// gone, it is already here. A page that failed on the server brings it with its HTML.
const load = () => import("./error-page");
if (typeof window !== "undefined") afterLoad(() => load().catch(() => {}));

/**
 * When ErrorPage itself cannot be fetched (offline before it arrived, or a new deployment removed the old
 * chunks, when client errors cluster), this says so with a reload instead of leaving a blank page.
 */
function UnloadedErrorPage() {
  return (
    <section aria-labelledby="error-heading" className="mx-auto grid max-w-lg gap-4 rounded-lg border bg-card p-6 text-card-foreground">
      <h1 id="error-heading" className="text-lg font-semibold">
        Something went wrong showing this page
      </h1>
      <p className="text-sm text-muted-foreground">Check your connection, then reload the page.</p>
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="inline-flex h-9 w-fit items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        Reload
      </button>
    </section>
  );
}

export const LazyErrorPage = dynamic(
  () =>
    load().then(
      (m) => m.ErrorPage,
      () => UnloadedErrorPage,
    ),
  {
    loading: () => (
      <section aria-labelledby="error-heading" className="mx-auto grid max-w-lg gap-4 rounded-lg border bg-card p-6 text-card-foreground">
        <h1 id="error-heading" className="text-lg font-semibold">
          Something went wrong showing this page
        </h1>
      </section>
    ),
  },
);
