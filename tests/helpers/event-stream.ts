import { expect } from "vitest";
import * as eventsRoute from "@/app/api/v1/workspaces/[workspace_id]/events/route";
import type { TestUser } from "./api";

// A reader of a workspace's live events through the route handler itself, as a browser's EventSource reads
// them: the events so far, whether the server ended the stream, and a way to leave.

export type StreamEvent = { event: string; data: any };

export function openEvents(user: TestUser, workspaceId: string) {
  const abort = new AbortController();
  const req = new Request(`http://localhost:3000/api/v1/workspaces/${workspaceId}/events`, {
    headers: { cookie: user.cookie },
    signal: abort.signal,
  });
  const events: StreamEvent[] = [];
  let ended = false;
  const reading = (async () => {
    const res = await eventsRoute.GET(req, { params: Promise.resolve({ workspace_id: workspaceId }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buffer += new TextDecoder().decode(value);
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
    ended = true;
  })();
  return { events, ended: () => ended, close: () => abort.abort(), reading };
}
