import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { publishCampaigns, subscribe, type ConsoleEvent } from "@/lib/events/bus";

describe("the event bus (NOTIFY at commit, LISTEN once per instance)", () => {
  it("delivers a workspace's events to its listeners after commit, never for a rollback or to another workspace", async () => {
    const a = crypto.randomUUID();
    const b = crypto.randomUUID();
    const seenA: ConsoleEvent[] = [];
    const seenB: ConsoleEvent[] = [];
    const stopA = await subscribe(a, (e) => seenA.push(e));
    const stopB = await subscribe(b, (e) => seenB.push(e));
    await getDb()
      .transaction(async (tx) => {
        await publishCampaigns(tx, a, ["rolled-back"]);
        throw new Error("rollback");
      })
      .catch(() => {});
    await getDb().transaction(async (tx) => publishCampaigns(tx, a, ["c1", "c2"]));
    await expect.poll(() => seenA.length).toBe(1);
    expect(seenA[0]).toEqual({ type: "campaigns", workspace_id: a, campaign_ids: ["c1", "c2"] });
    // many ids are chunked under NOTIFY's payload limit, none lost
    const many = Array.from({ length: 400 }, () => crypto.randomUUID());
    await publishCampaigns(getDb(), a, many);
    await expect.poll(() => seenA.flatMap((e) => e.campaign_ids).length).toBe(402);
    stopA();
    await publishCampaigns(getDb(), a, ["after stop"]);
    await publishCampaigns(getDb(), b, ["for b"]);
    await expect.poll(() => seenB.length).toBe(1);
    expect(seenA.flatMap((e) => e.campaign_ids)).not.toContain("after stop");
    expect(seenA.flatMap((e) => e.campaign_ids)).not.toContain("rolled-back");
    stopB();
  });
});
