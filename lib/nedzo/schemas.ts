import { z } from "zod";

// Nedzo's Create Campaign body: one schema shared by the form, our route handler and the sandbox.

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const INT4_MAX = 2_147_483_647;

export const timeField = z
  .string({ error: "Must be a time as HH:MM or HH:MM:SS" })
  .regex(TIME, "Must be a time as HH:MM or HH:MM:SS")
  .transform((value) => (value.length === 5 ? `${value}:00` : value));

const integer = (label: string) =>
  z
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .max(INT4_MAX, `${label} is too large`);

export const campaignFields = [
  "name",
  "agent_id",
  "start_time",
  "end_time",
  "min_calls_per_hour",
  "max_calls_per_hour",
  "daily_usage_cap",
  "max_dials_per_contact",
] as const;
export type CampaignField = (typeof campaignFields)[number];

export const campaignInputSchema = z
  .strictObject({
    name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(255, "Name must be at most 255 characters"),
    agent_id: z.guid({ error: "Agent must be a UUID" }),
    start_time: timeField,
    end_time: timeField,
    min_calls_per_hour: integer("Min calls per hour").min(0, "Min calls per hour must be 0 or more"),
    max_calls_per_hour: integer("Max calls per hour").min(1, "Max calls per hour must be at least 1"),
    daily_usage_cap: integer("Daily usage cap").min(1, "Daily usage cap must be at least 1").nullable().optional(),
    max_dials_per_contact: integer("Max dials per contact")
      .min(1, "Max dials per contact must be between 1 and 100")
      .max(100, "Max dials per contact must be between 1 and 100")
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.start_time >= v.end_time) {
      ctx.addIssue({ code: "custom", path: ["end_time"], message: "End time must be after the start time" });
    }
    if (v.min_calls_per_hour > v.max_calls_per_hour) {
      ctx.addIssue({
        code: "custom",
        path: ["max_calls_per_hour"],
        message: "Max calls per hour must be at least the min calls per hour",
      });
    }
  })
  .transform((v) => ({
    ...v,
    daily_usage_cap: v.daily_usage_cap ?? null,
    max_dials_per_contact: v.max_dials_per_contact === undefined ? 25 : v.max_dials_per_contact,
  }));

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type CampaignRequest = z.output<typeof campaignInputSchema>;

// ── What Nedzo answers ─────────────────────────────────────────────────────────────────────────────
const count = z.number().finite().nonnegative().transform(Math.round).catch(0);
const minutes = z.number().finite().nonnegative().catch(0);

export const upstreamCampaignSchema = z.object({
  id: z.guid(),
  name: z.string().optional(),
  agent_id: z.string().optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  min_calls_per_hour: z.number().optional(),
  max_calls_per_hour: z.number().optional(),
  daily_usage_cap: z.number().nullable().optional(),
  max_dials_per_contact: z.number().nullable().optional(),
  dials: count.default(0),
  outcome_appointment_booked: count.default(0),
  outcome_callback_requested: count.default(0),
  outcome_do_not_call: count.default(0),
  outcome_failed: count.default(0),
  outcome_follow_up: count.default(0),
  outcome_no_answer: count.default(0),
  outcome_not_interested: count.default(0),
  outcome_transferred: count.default(0),
  outcome_wrong_number: count.default(0),
  is_active: z.boolean().nullable().catch(null).default(null),
  total_min_used_today: minutes.default(0),
  total_min_used: minutes.default(0),
  total_pickups: count.default(0),
  total_positive_outcomes: count.default(0),
});
export type UpstreamCampaign = z.output<typeof upstreamCampaignSchema>;

export const createCampaignResponseSchema = z.object({
  status_code: z.number().optional(),
  message: z.string().optional(),
  data: z.object({ campaign: upstreamCampaignSchema }),
});

export const agentSchema = z.object({
  id: z.string(),
  name: z.string().catch("Unnamed agent"),
  isActive: z.boolean().optional().catch(undefined),
  /** where Nedzo posts each conversation of this agent (the legacy name is still read) */
  postConversationWebhookUrl: z.string().nullable().optional().catch(undefined),
  postCallWebhookUrl: z.string().nullable().optional().catch(undefined),
});
export type Agent = z.output<typeof agentSchema>;

export const agentsResponseSchema = z.union([
  z.object({ data: z.array(agentSchema) }),
  z.object({ agents: z.array(agentSchema) }),
  z.array(agentSchema),
]);

export const outcomeFields = [
  "outcome_appointment_booked",
  "outcome_callback_requested",
  "outcome_do_not_call",
  "outcome_failed",
  "outcome_follow_up",
  "outcome_no_answer",
  "outcome_not_interested",
  "outcome_transferred",
  "outcome_wrong_number",
] as const;
export type OutcomeField = (typeof outcomeFields)[number];
