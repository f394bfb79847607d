import { describe, expect, it } from "vitest";
import type { CampaignWithCreator } from "@/db/queries/campaigns";
import { serializeCampaign } from "@/lib/api/serialize";
import { countersFrom, requestOf, rowFieldsOf } from "@/lib/campaigns/mapping";
import { campaignFields, campaignInputSchema, upstreamCampaignSchema } from "@/lib/nedzo/schemas";

// lib/campaigns/mapping.ts is the one place a campaign moves between request, row and Nedzo's counters.

const request = campaignInputSchema.parse({
  name: "Spring renewals",
  agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
  start_time: "09:00",
  end_time: "17:30",
  min_calls_per_hour: 5,
  max_calls_per_hour: 40,
  daily_usage_cap: null,
});

const row = { ...rowFieldsOf(request), id: "c1", workspaceId: "w1" } as unknown as CampaignWithCreator;

describe("campaign mapping", () => {
  it("a request stored as a row is sent again exactly as it came", () => {
    expect(requestOf(row)).toEqual(request);
    expect(Object.keys(requestOf(row)).sort()).toEqual([...campaignFields].sort());
  });

  it("the row answers the request's fields under their own names", () => {
    const json = serializeCampaign({ ...row, createdAt: new Date(), updatedAt: new Date() } as CampaignWithCreator);
    for (const field of campaignFields) expect(json[field], field).toEqual(request[field]);
  });

  it("Nedzo's counters land in the row and come back out under Nedzo's names", () => {
    const upstream = upstreamCampaignSchema.parse({
      id: "9b2d3c4e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
      dials: 12,
      outcome_appointment_booked: 1,
      outcome_callback_requested: 2,
      outcome_do_not_call: 3,
      outcome_failed: 4,
      outcome_follow_up: 5,
      outcome_no_answer: 6,
      outcome_not_interested: 7,
      outcome_transferred: 8,
      outcome_wrong_number: 9,
      is_active: true,
      total_min_used_today: 1.5,
      total_min_used: 10.25,
      total_pickups: 11,
      total_positive_outcomes: 3,
    });
    const json = serializeCampaign({
      ...row,
      ...countersFrom(upstream),
      createdAt: new Date(),
      updatedAt: new Date(),
    } as CampaignWithCreator);
    const { id, ...counters } = upstream;
    expect(json.nedzo_campaign_id).toBe(id);
    for (const [key, value] of Object.entries(counters)) {
      if (key in json) expect(json[key as keyof typeof json], key).toEqual(value);
    }
    expect(
      Object.keys(counters).filter((k) => k.startsWith("outcome_") || k.startsWith("total_") || k === "dials" || k === "is_active"),
    ).toHaveLength(15);
  });
});
