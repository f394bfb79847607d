import { z } from "zod";

// POST /api/v1/workspaces/:id/campaigns/:campaign_id/resolution — an `unknown` campaign is settled by a
// person: linked to the Nedzo campaign they found, marked as not created, or — said explicitly — sent again.
export const resolutionSchema = z.discriminatedUnion(
  "action",
  [
    z.strictObject({ action: z.literal("link"), nedzo_campaign_id: z.guid("Must be the Nedzo campaign's id (a UUID)") }),
    z.strictObject({ action: z.literal("mark_failed") }),
    z.strictObject({
      action: z.literal("retry"),
      confirm: z.literal(true, { error: "Confirm that you checked Nedzo and want to send the create again" }),
    }),
  ],
  { error: 'Action must be "link", "mark_failed" or "retry"' },
);
export type ResolutionInput = z.input<typeof resolutionSchema>;
