"use client";
import { useEffect, useState } from "react";
import { DatabaseZap, RotateCw, TriangleAlert, WifiOff } from "lucide-react";
import { Button } from "./ui/button";

type Cause = "checking" | "database" | "offline" | "other";

export const ERROR_TEXT: Record<Cause, { title: string; body: string }> = {
  database: {
    title: "We can't reach the database right now…",
    body: "Nothing is lost: your campaigns and settings are stored safely, and Campaign Console reconnects by itself. Try again in a moment.",
  },
  offline: {
    title: "We can't reach Campaign Console right now…",
    body: "Your browser got no answer from the server. Check your connection, then try again.",
  },
  other: {
    title: "Something went wrong showing this page",
    body: "Try again. If it keeps happening, send us the reference below.",
  },
  checking: {
    title: "Something went wrong showing this page",
    body: "Checking what happened…",
  },
};

/** Asks the app's health check why a page failed: its database is away, the server is away, or neither. */
async function diagnose(): Promise<Cause> {
  try {
    const res = await fetch("/api/health", { cache: "no-store" });
    const body = (await res.json().catch(() => null)) as { database?: string } | null;
    return body?.database === "down" ? "database" : "other";
  } catch {
    return "offline";
  }
}

/**
 * The page shown when a page fails (error.tsx, global-error.tsx): in production the browser never learns
 * the server's error, so it asks /api/health whether the database is the reason, says so plainly, and offers
 * Retry (Next's retry(): fetch the page again and re-render it).
 */
export function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const [cause, setCause] = useState<Cause>("checking");
  useEffect(() => {
    let live = true;
    void diagnose().then((c) => live && setCause(c));
    return () => {
      live = false;
    };
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  const text = ERROR_TEXT[cause];
  const Icon = cause === "database" ? DatabaseZap : cause === "offline" ? WifiOff : TriangleAlert;
  return (
    <section aria-labelledby="error-heading" className="mx-auto grid max-w-lg gap-4 rounded-lg border bg-card p-6 text-card-foreground">
      <Icon aria-hidden className="size-8 text-muted-foreground" />
      <div aria-live="polite" className="grid gap-2">
        <h1 id="error-heading" className="text-lg font-semibold">
          {text.title}
        </h1>
        <p className="text-sm text-muted-foreground">{text.body}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          onClick={() => {
            setCause("checking");
            retry();
          }}
        >
          <RotateCw aria-hidden /> Retry
        </Button>
        {digest ? <span className="text-xs text-muted-foreground">Reference: {digest}</span> : null}
      </div>
    </section>
  );
}
