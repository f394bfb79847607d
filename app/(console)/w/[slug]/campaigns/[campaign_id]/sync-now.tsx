"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { RefreshCw } from "lucide-react";
import type { serializeSync } from "@/lib/api/serialize";
import { apiFetch } from "@/lib/ui/api-client";
import { useMutation } from "@/lib/ui/use-mutation";
import { Button } from "@/components/ui/button";

type SyncJson = ReturnType<typeof serializeSync>;

const STATUS_TEXT: Record<SyncJson["status"], string> = {
  idle: "Up to date with the last sync",
  queued: "Sync queued…",
  running: "Syncing calls from Nedzo…",
  failing: "The last sync failed; it is retried by itself",
};

/**
 * The workspace's sync, seen from a campaign: its status (GET …/sync), and Sync now (POST …/sync) for roles
 * that may ask for one. While a sync is queued or running it is re-read every 2 s; when it ends the page is
 * re-read, so the numbers above show what it brought.
 */
export function SyncNow({ workspaceId, initial, canRequest }: { workspaceId: string; initial: SyncJson; canRequest: boolean }) {
  const path = `/api/v1/workspaces/${workspaceId}/sync`;
  const router = useRouter();
  const mutation = useMutation();
  // what this component learnt since the server rendered `initial`; a new render from the server wins
  const [seen, setSeen] = useState<{ after: SyncJson; sync: SyncJson } | null>(null);
  const sync = seen && seen.after === initial ? seen.sync : initial;
  const setSync = (next: SyncJson) => setSeen({ after: initial, sync: next });
  const busy = sync.status === "queued" || sync.status === "running";
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(async () => {
      const r = await apiFetch<{ sync: SyncJson }>(path);
      if (!r.ok) return;
      setSeen({ after: initial, sync: r.data.sync });
      if (r.data.sync.status !== "queued" && r.data.sync.status !== "running") router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [busy, path, router, initial]);

  const text = sync.needs_attention ? "Nedzo refused the token: reconnect in Settings, or Sync now to try again" : STATUS_TEXT[sync.status];
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p role="status" aria-live="polite" className="text-xs text-muted-foreground" data-sync-status={sync.status}>
        {text}
        {sync.status === "failing" || sync.needs_attention ? (sync.last_error ? `: ${sync.last_error}` : "") : ""}
      </p>
      {canRequest ? (
        <Button
          size="sm"
          variant="outline"
          disabled={!mutation.ready}
          onClick={() =>
            mutation.run<{ sync: SyncJson }>({ path, method: "POST" }, { success: "Sync requested", onSuccess: (d) => setSync(d.sync) })
          }
        >
          <RefreshCw aria-hidden className={busy || mutation.pending ? "animate-spin" : undefined} />
          Sync now
        </Button>
      ) : null}
    </div>
  );
}
