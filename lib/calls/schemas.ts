import { z } from "zod";

/** Set the workspace's webhook on these agents; an agent that already posts elsewhere is changed only if listed in `replace`. */
export const installWebhookSchema = z.strictObject({
  agent_ids: z.array(z.guid("Must be an agent's id")).min(1, "Pick at least one agent").max(50),
  replace: z.array(z.guid("Must be an agent's id")).max(50).default([]),
});
