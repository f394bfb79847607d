import { describe, expect, it } from "vitest";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as eventsRoute from "@/app/api/v1/workspaces/[workspace_id]/events/route";
import * as memberRoute from "@/app/api/v1/workspaces/[workspace_id]/members/[user_id]/route";
import { addMember, call, signedInUser } from "../helpers/api";
import { openEvents } from "../helpers/event-stream";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

// Live updates: a stream of a workspace's events carries a teammate's new campaign as it happens, nothing
// of another workspace, and stops when its reader loses the right to read.
useSandbox({ slowMs: 2500 });

const open = openEvents;

describe("live events", () => {
  it("carry a teammate's new campaign and its outcome within 2 s, and nothing of other workspaces", async () => {
    const ws = await liveWorkspace();
    const other = await liveWorkspace();
    const teammate = await signedInUser();
    await addMember(ws.id, teammate, "viewer");
    const stream = open(teammate, ws.id);
    await expect.poll(() => stream.events.map((e) => e.event)).toContain("ready");
    const started = Date.now();
    const created = await call(campaignsRoute.POST, "POST", "", {
      user: ws.owner,
      params: { workspace_id: ws.id },
      body: campaignBody({ name: "Seen live" }),
    });
    await call(campaignsRoute.POST, "POST", "", {
      user: other.owner,
      params: { workspace_id: other.id },
      body: campaignBody({ name: "Not yours" }),
    });
    // a created campaign may be published again (its calls backfilled, its counters recounted): what the
    // reader must see is this campaign, created, within 2 s
    await expect
      .poll(
        () => [
          ...new Set(
            stream.events.filter((e) => e.event === "campaign" && e.data.campaign.status === "created").map((e) => e.data.campaign.id),
          ),
        ],
        { timeout: 2000 },
      )
      .toEqual([created.body.campaign.id]);
    expect(Date.now() - started).toBeLessThan(2000);
    const seen = stream.events.filter((e) => e.event === "campaign").map((e) => e.data.campaign);
    expect(seen.map((c) => c.id)).toEqual(expect.arrayContaining([created.body.campaign.id]));
    expect(seen.map((c) => c.name)).not.toContain("Not yours");
    // each event carries the campaign as it is when read: its states never go backwards, and end created
    const order = ["queued", "pending", "created"];
    const states = seen.map((c) => order.indexOf(c.status));
    expect(states).toEqual([...states].sort((x, y) => x - y));
    expect(seen.at(-1)!.status).toBe("created");
    stream.close();
    await stream.reading;
  });

  it("ends when its reader is removed from the workspace", async () => {
    const ws = await liveWorkspace();
    const member = await signedInUser();
    await addMember(ws.id, member, "member");
    const stream = open(member, ws.id);
    await expect.poll(() => stream.events.length).toBeGreaterThan(0);
    const removed = await call(memberRoute.DELETE, "DELETE", "", { user: ws.owner, params: { workspace_id: ws.id, user_id: member.id } });
    expect(removed.status).toBe(204);
    await call(campaignsRoute.POST, "POST", "", {
      user: ws.owner,
      params: { workspace_id: ws.id },
      body: campaignBody({ name: "After removal" }),
    });
    await expect.poll(() => stream.ended(), { timeout: 5000 }).toBe(true);
    expect(stream.events.filter((e) => e.event === "campaign")).toHaveLength(0);
  });

  it("is refused to a stranger as the rest of the API is (404)", async () => {
    const ws = await liveWorkspace();
    const stranger = await signedInUser();
    const res = await call(eventsRoute.GET, "GET", "", { user: stranger, params: { workspace_id: ws.id } });
    expect(res.status).toBe(404);
  });
});
