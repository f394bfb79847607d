import { z } from "zod";
import { roleEnum } from "@/lib/members/schemas";

// Payloads of the invitation endpoints, shared by the forms and the route handlers.

// POST /api/v1/workspaces/:id/invitations
export const inviteSchema = z.strictObject({
  email: z.string({ error: "Email is required" }).trim().toLowerCase().email("Enter a valid email address").max(254),
  role: roleEnum,
});

// POST /api/v1/invitations/accept
export const acceptSchema = z.strictObject({
  token: z.string({ error: "Token is required" }).min(10, "Token is not valid").max(200, "Token is not valid"),
});
export type AcceptInput = z.input<typeof acceptSchema>;
