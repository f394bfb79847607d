import { z } from "zod";
import type { Role } from "@/db/schema";

// Payloads of the member endpoints, shared by the Members page and the route handlers. No database import:
// the browser loads this file.

/** The roles of db/schema.ts, in rank order (a unit test keeps the two lists equal). */
export const roles = ["owner", "admin", "member", "viewer"] as const satisfies readonly Role[];

export const roleEnum = z.enum(roles, { error: `Role must be one of ${roles.join(", ")}` });

// PATCH /api/v1/workspaces/:id/members/:user_id
export const roleSchema = z.strictObject({ role: roleEnum });
export type RoleInput = z.input<typeof roleSchema>;
