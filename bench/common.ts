import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import postgres from "postgres";
import { closeDatabase, getDb, migrateDatabase } from "@/db";
import { nedzoConnections, users, workspaceMembers, workspaces } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";

// Shared by the benches: a fresh PostgreSQL database, a workspace connected live to a given sandbox token,
// and worker processes ("app instances") that run the create use case.

export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("The benches need DATABASE_URL (PostgreSQL): instances share its pacer state.");
  const name = `cc_bench_${Date.now()}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  await migrateDatabase();
  return {
    url: url.toString(),
    drop: async () => {
      await closeDatabase();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export async function liveWorkspace(token: string) {
  const db = getDb();
  const [user] = await db
    .insert(users)
    .values({ email: `bench-${randomUUID()}@example.test` })
    .returning();
  const [w] = await db
    .insert(workspaces)
    .values({ name: "Bench", slug: `bench-${randomUUID()}` })
    .returning();
  await db.insert(workspaceMembers).values({ workspaceId: w.id, userId: user.id, role: "owner" });
  const { ciphertext, keyVersion } = encryptSecret(token, w.id);
  await db.insert(nedzoConnections).values({
    workspaceId: w.id,
    mode: "live",
    tokenCiphertext: ciphertext,
    keyVersion,
    tokenLast4: token.slice(-4),
    verifiedAt: new Date(),
  });
  return { workspaceId: w.id, userId: user.id, email: user.email! };
}

export function runWorker(job: object, env: Record<string, string>): Promise<number[]> & { kill: () => void } {
  // node itself with tsx as a loader: one process, so SIGKILL hits the instance and nothing else
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve("bench/worker.ts"), JSON.stringify(job)],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const done = new Promise<number[]>((resolve) => child.on("exit", () => resolve(out ? JSON.parse(out) : [])));
  return Object.assign(done, { kill: () => child.kill("SIGKILL") });
}

export const split = <T>(items: T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p));

/** The campaign every bench creates (Ava, the sandbox's demo agent), by name. */
export const campaignBody = (name: string) => ({
  name,
  agent_id: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
  start_time: "09:00",
  end_time: "17:00",
  min_calls_per_hour: 1,
  max_calls_per_hour: 10,
});
