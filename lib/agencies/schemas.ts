import { z } from "zod";

// PUT /api/v1/workspaces/:client_id/agency-access — the client's owner suspends or restores its agency
export const accessSchema = z.strictObject({ suspended: z.boolean({ error: "suspended must be true or false" }) });
export type AccessInput = z.input<typeof accessSchema>;

// PUT /api/v1/workspaces/:agency_id/members/:user_id/clients — a list limits the seat; [] or null lifts it
export const clientLimitSchema = z.strictObject({
  client_ids: z.array(z.guid("Each client id must be a UUID")).max(500, "At most 500 clients").nullable(),
});
