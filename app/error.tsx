"use client";
import { LazyErrorPage } from "@/components/lazy-error-page";

// A page that failed below the root layout, e.g. the console's own layout when the database is away.
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="grid min-h-dvh place-items-center px-4 py-10">
      <LazyErrorPage error={error} retry={retry} />
    </main>
  );
}
