import { describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route";

describe("GET /api/health", () => {
  it("says the app and its database are up", async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});
