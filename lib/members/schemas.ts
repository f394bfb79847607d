import { z } from "zod";
import { roles } from "@/lib/auth/roles";

// Payloads of the member endpoints, shared by the Members page and the route handlers. The browser loads this
// file: it imports nothing that needs a server (lib/auth/roles.ts has no imports).

export const roleEnum = z.enum(roles, { error: `Role must be one of ${roles.join(", ")}` });

// PATCH /api/v1/workspaces/:id/members/:user_id
export const roleSchema = z.strictObject({ role: roleEnum });
export type RoleInput = z.input<typeof roleSchema>;
