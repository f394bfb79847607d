"use client";
import { LazyErrorPage } from "@/components/lazy-error-page";

// A console page that failed (most often: the database is away) — said plainly, with Retry.
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <div className="py-10">
      <LazyErrorPage error={error} retry={retry} />
    </div>
  );
}
