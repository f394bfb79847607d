import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { nedzoConnections } from "@/db/schema";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import { resetEnvForTests } from "@/lib/env";
import { rotateTokenKeys } from "@/lib/nedzo/rotate-keys";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace, type TestWorkspace } from "../helpers/workspaces";

useSandbox();
const original = {
  key: process.env.NEDZO_TOKEN_KEY,
  version: process.env.NEDZO_TOKEN_KEY_VERSION,
  previous: process.env.NEDZO_TOKEN_KEYS_PREVIOUS,
};
const newKey = Buffer.alloc(32, 9).toString("base64");

function useKeys(key: string, version: string, previous?: string) {
  process.env.NEDZO_TOKEN_KEY = key;
  process.env.NEDZO_TOKEN_KEY_VERSION = version;
  if (previous) process.env.NEDZO_TOKEN_KEYS_PREVIOUS = previous;
  else delete process.env.NEDZO_TOKEN_KEYS_PREVIOUS;
  resetEnvForTests();
}

afterAll(() => useKeys(original.key!, original.version ?? "1", original.previous));

const create = (ws: TestWorkspace, name: string) =>
  call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody({ name }) });
const versionOf = async (ws: TestWorkspace) =>
  (await getDb().select().from(nedzoConnections).where(eq(nedzoConnections.workspaceId, ws.id)))[0].keyVersion;

describe("token key rotation", () => {
  it("keeps every workspace working while tokens move to a new key version", async () => {
    const oldKey = original.key!;
    const ws = await liveWorkspace();
    expect(await versionOf(ws)).toBe(1);

    // deploy the new key, the old one still decrypting
    useKeys(newKey, "2", `1:${oldKey}`);
    expect((await create(ws, "during the switch")).status).toBe(201);
    const fresh = await liveWorkspace();
    expect(await versionOf(fresh)).toBe(2);

    const { rotated, failed } = await rotateTokenKeys();
    expect(failed).toEqual([]);
    expect(rotated).toBeGreaterThanOrEqual(1);
    expect(await versionOf(ws)).toBe(2);

    // the old key can go now
    useKeys(newKey, "2");
    expect((await create(ws, "after the old key is gone")).status).toBe(201);
    expect((await create(fresh, "new workspace")).status).toBe(201);
  });

  it("says plainly when a stored token cannot be decrypted, and sends nothing", async () => {
    useKeys(original.key!, "1");
    const ws = await liveWorkspace();
    useKeys(newKey, "2"); // the old key dropped before rotating: a mistake an operator can make
    const res = await create(ws, "cannot decrypt");
    expect(res.status).toBe(502);
    expect(res.body.type).toMatch(/token-unreadable/);
    useKeys(original.key!, "1");
  });
});
