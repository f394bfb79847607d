import { describe, expect, it } from "vitest";
import { campaignInputSchema } from "@/lib/nedzo/schemas";

const valid = {
  name: "  Spring  ",
  agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
  start_time: "09:00",
  end_time: "17:00:30",
  min_calls_per_hour: 0,
  max_calls_per_hour: 1,
};

const pathsOf = (value: unknown) => {
  const r = campaignInputSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("campaign input schema", () => {
  it("trims the name, normalises times to HH:MM:SS and defaults max dials to 25", () => {
    expect(campaignInputSchema.parse(valid)).toEqual({
      ...valid,
      name: "Spring",
      start_time: "09:00:00",
      daily_usage_cap: null,
      max_dials_per_contact: 25,
    });
  });

  it("keeps an explicit null for max dials (no limit)", () => {
    expect(campaignInputSchema.parse({ ...valid, max_dials_per_contact: null }).max_dials_per_contact).toBeNull();
  });

  it.each([
    [{ name: "x".repeat(256) }, "name"],
    [{ start_time: "24:00" }, "start_time"],
    [{ start_time: "9:00" }, "start_time"],
    [{ end_time: "09:00" }, "end_time"],
    [{ min_calls_per_hour: -1 }, "min_calls_per_hour"],
    [{ min_calls_per_hour: 2, max_calls_per_hour: 1 }, "max_calls_per_hour"],
    [{ max_calls_per_hour: 1e10 }, "max_calls_per_hour"],
    [{ max_calls_per_hour: null }, "max_calls_per_hour"],
    [{ daily_usage_cap: "5" }, "daily_usage_cap"],
    [{ max_dials_per_contact: 0 }, "max_dials_per_contact"],
    [{ agent_id: 42 }, "agent_id"],
    [{ extra: true }, "extra"],
  ])("rejects %j on its field", (overrides, path) => {
    const r = campaignInputSchema.safeParse({ ...valid, ...overrides });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : r.error.issues;
    const paths = issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : [i.path.join(".")]));
    expect(paths).toContain(path);
  });

  it("reports every missing field at once", () => {
    expect(pathsOf({}).sort()).toEqual(["agent_id", "end_time", "max_calls_per_hour", "min_calls_per_hour", "name", "start_time"]);
  });
});
