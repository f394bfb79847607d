import { getCampaigns } from "@/db/queries/campaigns";
import { findMembership } from "@/db/queries/workspaces";
import { serializeCampaign } from "@/lib/api/serialize";
import { can } from "@/lib/auth/permissions";
import { subscribe } from "./bus";

// One browser's stream of a workspace's live events (server-sent events). It carries only what its user may
// read, checks that right again with every event and every 10 s, and ends when the right is gone (removed,
// agency suspended, workspace deleted) or the browser leaves.

const RECHECK_MS = 10_000;

export function workspaceEvents(workspaceId: string, userId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        stop?.();
        if (timer) clearInterval(timer);
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const mayRead = async () => {
        const m = await findMembership({ id: workspaceId }, userId).catch(() => null);
        return Boolean(m && can(m.role, "campaigns.view"));
      };
      signal.addEventListener("abort", close);
      // events queue up in order while one is being read, so a campaign's states never arrive out of order
      let chain = Promise.resolve();
      stop = await subscribe(workspaceId, (event) => {
        chain = chain
          .then(async () => {
            if (closed) return;
            if (!(await mayRead())) return close();
            for (const c of await getCampaigns(workspaceId, event.campaign_ids)) send("campaign", { campaign: serializeCampaign(c) });
          })
          .catch(() => {});
      });
      timer = setInterval(() => {
        void mayRead().then((ok) => {
          if (!ok) close();
          else if (!closed) controller.enqueue(encoder.encode(": still here\n\n"));
        });
      }, RECHECK_MS);
      timer.unref?.();
      send("ready", { workspace_id: workspaceId });
    },
    cancel() {
      closed = true;
      stop?.();
      if (timer) clearInterval(timer);
    },
  });
}
