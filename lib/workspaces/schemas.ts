import { z } from "zod";

// Payloads of the workspace endpoints, shared by forms and route handlers.

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const name = z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

export const createWorkspaceSchema = z.strictObject({
  name,
  kind: z.enum(["team", "agency"], { error: 'Kind must be "team" or "agency"' }).optional(),
  parent_id: z.guid({ error: "Parent must be a workspace id" }).nullable().optional(),
  timezone: z.string().refine(isTimeZone, "Must be an IANA time zone, like Europe/Paris").optional(),
});

export const updateWorkspaceSchema = z.strictObject({
  name: name.optional(),
  timezone: z.string({ error: "Must be an IANA time zone" }).refine(isTimeZone, "Must be an IANA time zone, like Europe/Paris").optional(),
});

export const connectionSchema = z.discriminatedUnion(
  "mode",
  [
    z.strictObject({ mode: z.literal("sandbox") }),
    z.strictObject({
      mode: z.literal("live"),
      token: z
        .string({ error: "Token is required for live mode" })
        .trim()
        .min(8, "Token looks too short")
        .max(512, "Token looks too long")
        .regex(/^[\x21-\x7e]+$/, "Token must not contain spaces or special characters"),
    }),
  ],
  { error: 'Mode must be "live" or "sandbox"' },
);
