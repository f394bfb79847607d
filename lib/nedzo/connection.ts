import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { nedzoConnections, type NedzoConnection } from "@/db/schema";
import { apiError, validationError } from "@/lib/api/errors";
import type { z } from "zod";
import { recordAudit, type Actor } from "@/lib/audit";
import { encryptSecret } from "@/lib/crypto";
import type { connectionSchema } from "@/lib/workspaces/schemas";
import { liveTarget, listNedzoAgents } from "./client";

// Connect a workspace to Nedzo. A live token is checked against Nedzo (GET /v1/agents) before it is
// stored, then kept only as ciphertext; its last 4 characters are all that is ever shown again.

export async function connectNedzo(workspaceId: string, actor: Actor, input: z.output<typeof connectionSchema>): Promise<NedzoConnection> {
  const userId = actor.userId;
  const now = new Date();
  let values: typeof nedzoConnections.$inferInsert;
  if (input.mode === "sandbox") {
    values = {
      workspaceId,
      mode: "sandbox",
      tokenCiphertext: null,
      keyVersion: null,
      tokenLast4: null,
      verifiedAt: now,
      createdBy: userId,
    };
  } else {
    const check = await listNedzoAgents(liveTarget(input.token));
    if (!check.ok && check.reason === "unauthorized") {
      throw validationError([{ path: "token", message: "Nedzo rejected this token (401): check that it is a current API key" }]);
    }
    if (!check.ok) {
      throw apiError(check.reason === "timeout" ? 504 : 502, `Could not verify the token with Nedzo: ${check.detail} Nothing was saved.`);
    }
    const { ciphertext, keyVersion } = encryptSecret(input.token, workspaceId);
    values = {
      workspaceId,
      mode: "live",
      tokenCiphertext: ciphertext,
      keyVersion,
      tokenLast4: input.token.slice(-4),
      verifiedAt: now,
      createdBy: userId,
    };
  }
  const { workspaceId: _key, ...update } = values;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(nedzoConnections)
      .values(values)
      .onConflictDoUpdate({ target: nedzoConnections.workspaceId, set: { ...update, updatedAt: now } })
      .returning();
    await recordAudit(tx, actor, {
      workspaceId,
      action: "connection.update",
      targetType: "nedzo_connection",
      targetId: workspaceId,
      metadata: { mode: row.mode, token_last4: row.tokenLast4 },
    });
    return row;
  });
}

export async function disconnectNedzo(workspaceId: string, actor: Actor): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const deleted = await tx
      .delete(nedzoConnections)
      .where(eq(nedzoConnections.workspaceId, workspaceId))
      .returning({ mode: nedzoConnections.mode, tokenLast4: nedzoConnections.tokenLast4 });
    if (deleted.length === 0) return false;
    await recordAudit(tx, actor, {
      workspaceId,
      action: "connection.delete",
      targetType: "nedzo_connection",
      targetId: workspaceId,
      metadata: { mode: deleted[0].mode, token_last4: deleted[0].tokenLast4 },
    });
    return true;
  });
}
