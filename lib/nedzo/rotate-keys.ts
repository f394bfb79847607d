import { and, eq, isNotNull, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { nedzoConnections } from "@/db/schema";
import { recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { currentKeyVersion, decryptSecret, encryptSecret } from "@/lib/crypto";

// Re-encrypts every stored token under the current key version. Safe to run while the app serves
// requests: each row is swapped only if it still holds the ciphertext read, and old keys keep decrypting.
export async function rotateTokenKeys(): Promise<{ rotated: number; failed: string[] }> {
  const version = currentKeyVersion();
  const rows = await getDb()
    .select()
    .from(nedzoConnections)
    .where(and(isNotNull(nedzoConnections.tokenCiphertext), ne(nedzoConnections.keyVersion, version)));
  let rotated = 0;
  const failed: string[] = [];
  for (const row of rows) {
    try {
      const plaintext = decryptSecret(row.tokenCiphertext!, row.keyVersion!, row.workspaceId);
      const next = encryptSecret(plaintext, row.workspaceId);
      await getDb().transaction(async (tx) => {
        const [swapped] = await tx
          .update(nedzoConnections)
          .set({ tokenCiphertext: next.ciphertext, keyVersion: next.keyVersion })
          .where(and(eq(nedzoConnections.workspaceId, row.workspaceId), eq(nedzoConnections.tokenCiphertext, row.tokenCiphertext!)))
          .returning({ id: nedzoConnections.workspaceId });
        if (!swapped) return; // reconnected meanwhile, under the current key already
        await recordAudit(tx, SYSTEM_ACTOR, {
          workspaceId: row.workspaceId,
          action: "connection.rekey",
          targetType: "nedzo_connection",
          targetId: row.workspaceId,
          metadata: { from_key_version: row.keyVersion, to_key_version: next.keyVersion },
        });
        rotated += 1;
      });
    } catch (error) {
      failed.push(`${row.workspaceId}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return { rotated, failed };
}
