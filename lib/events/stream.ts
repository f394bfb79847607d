import { getCampaigns } from "@/db/queries/campaigns";
import { findMembership, listMemberships } from "@/db/queries/workspaces";
import { serializeCampaign } from "@/lib/api/serialize";
import { can } from "@/lib/auth/permissions";
import { subscribe, type ConsoleEvent } from "./bus";

// One browser's stream of a workspace's live events (server-sent events). It carries only what its user may
// read, checks that right again with every event and every 10 s, and ends when the right is gone (removed,
// agency suspended, workspace deleted) or the browser leaves.
//
// An agency's stream also carries the `campaign` events of the clients its reader may read there (its
// portfolio board is live): each is re-checked per event against the client itself, so a client that
// suspended the agency, or one outside a member's client limit, sends nothing. The set of clients is read
// again every 10 s (a client added, restored or limited since).

const RECHECK_MS = 10_000;

export function workspaceEvents(
  workspaceId: string,
  userId: string,
  signal: AbortSignal,
  options: { agency?: boolean } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stops = new Map<string, () => void>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const stopAll = () => {
    for (const stop of stops.values()) stop();
    stops.clear();
    if (timer) clearInterval(timer);
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        stopAll();
        try {
          controller.close();
        } catch {
          // already closed by the reader
        }
      };
      const send = (event: string, data: unknown) => {
        if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const mayRead = async (id: string) => {
        const m = await findMembership({ id }, userId).catch(() => null);
        return Boolean(m && can(m.role, "campaigns.view"));
      };
      /** The agency's clients this reader may read now (through the agency, within a limit, not suspended). */
      const readableClients = async () =>
        (await listMemberships(userId))
          .filter((m) => m.workspace.parentId === workspaceId && can(m.role, "campaigns.view"))
          .map((m) => m.workspace.id);
      signal.addEventListener("abort", close);
      // events queue up in order while one is being read, so a campaign's states never arrive out of order
      let chain = Promise.resolve();
      const onEvent = (event: ConsoleEvent) => {
        chain = chain
          .then(async () => {
            if (closed) return;
            const own = event.workspace_id === workspaceId;
            const [here, there] = await Promise.all([mayRead(workspaceId), own ? true : mayRead(event.workspace_id)]);
            if (!here) return close();
            if (!there) return; // this client is no longer readable (suspended, limited away, deleted): skip it
            for (const c of await getCampaigns(event.workspace_id, event.campaign_ids))
              send("campaign", { campaign: serializeCampaign(c) });
          })
          .catch(() => {});
      };
      const follow = async (ids: string[]) => {
        const wanted = new Set([workspaceId, ...ids]);
        for (const [id, stop] of stops) {
          if (wanted.has(id)) continue;
          stop();
          stops.delete(id);
        }
        for (const id of wanted) {
          if (stops.has(id)) continue;
          const stop = await subscribe(id, onEvent);
          if (closed || stops.has(id)) stop();
          else stops.set(id, stop);
        }
      };
      await follow(options.agency ? await readableClients().catch(() => []) : []);
      if (closed) return stopAll(); // the browser left while we subscribed
      timer = setInterval(() => {
        void mayRead(workspaceId)
          .then(async (ok) => {
            if (!ok) return close();
            if (options.agency) await follow(await readableClients());
            if (!closed) controller.enqueue(encoder.encode(": still here\n\n"));
          })
          .catch(() => {});
      }, RECHECK_MS);
      timer.unref?.();
      send("ready", { workspace_id: workspaceId });
    },
    cancel() {
      closed = true;
      stopAll();
    },
  });
}
