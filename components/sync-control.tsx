"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { RefreshCw } from "lucide-react";
import { apiFetch } from "@/lib/ui/api-client";
import { useMutation } from "@/lib/ui/use-mutation";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export type SyncJson = {
  status: "idle" | "queued" | "running" | "failing";
  requested_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  needs_attention: boolean;
  calls?: number;
};

const POLL_MS = 1000;
const busy = (s: SyncJson["status"]) => s === "queued" || s === "running";

/**
 * Where the workspace's mirror of calls stands (GET …/sync) and "Sync now" (POST …/sync, sync.request).
 * While a sync is queued or running it asks again every second; when it ends the page is re-read, so the
 * figures next to it show what the sync brought.
 */
export function SyncControl({
  workspaceId,
  initial,
  canRequest,
  connected,
  timeZone,
}: {
  workspaceId: string;
  initial: SyncJson;
  canRequest: boolean;
  connected: boolean;
  timeZone: string;
}) {
  const router = useRouter();
  const { run, ready, pending } = useMutation();
  // the server's answer wins whenever the page is re-read; in between, what this control last heard
  const [heard, setHeard] = useState<{ from: SyncJson; sync: SyncJson } | null>(null);
  const sync = heard && heard.from === initial ? heard.sync : initial;
  const path = `/api/v1/workspaces/${workspaceId}/sync`;

  useEffect(() => {
    if (!busy(sync.status)) return;
    let live = true;
    const timer = setTimeout(async () => {
      const r = await apiFetch<{ sync: SyncJson }>(path);
      if (!live || !r.ok) return;
      setHeard({ from: initial, sync: r.data.sync });
      if (!busy(r.data.sync.status)) router.refresh();
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [sync, initial, path, router]);

  if (!connected) return null; // nothing to sync: the layout already says how to connect
  const label = sync.needs_attention
    ? "Needs attention"
    : { idle: "Up to date", queued: "Queued", running: "Syncing", failing: "Failing" }[sync.status];
  const variant = sync.needs_attention || sync.status === "failing" ? "destructive" : busy(sync.status) ? "secondary" : "success";
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" aria-label="Sync with Nedzo" role="group">
      <div role="status" aria-live="polite" className="flex flex-wrap items-center gap-2">
        <span className="text-muted-foreground">Sync:</span>
        <Badge variant={variant} data-sync-status={sync.status}>
          {busy(sync.status) ? <RefreshCw aria-hidden className="size-3 animate-spin motion-reduce:animate-none" /> : null}
          {label}
        </Badge>
        <span className="text-xs text-muted-foreground" data-last-success={sync.last_success_at ?? ""}>
          {sync.last_success_at ? (
            <>
              last synced <Time value={sync.last_success_at} timeZone={timeZone} />
            </>
          ) : (
            "never synced"
          )}
        </span>
      </div>
      {sync.last_error && (sync.status === "failing" || sync.needs_attention) ? (
        <p className="basis-full text-xs text-destructive">Last error: {sync.last_error}</p>
      ) : null}
      {canRequest ? (
        <Button
          size="sm"
          variant="outline"
          disabled={!ready}
          onClick={() =>
            void run<{ sync: SyncJson }>(
              { path, method: "POST" },
              { success: "Sync requested", onSuccess: (d) => setHeard({ from: initial, sync: d.sync }) },
            )
          }
        >
          <RefreshCw aria-hidden className={pending ? "animate-spin motion-reduce:animate-none" : undefined} /> Sync now
        </Button>
      ) : null}
    </div>
  );
}
