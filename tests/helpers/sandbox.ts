import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { startSandboxServer, type RunningSandbox } from "@/lib/nedzo/sandbox/server";

/** Starts a sandbox Nedzo over real HTTP for this test file and points live mode at it. */
export function useSandbox(options: Parameters<typeof startSandboxServer>[1] = { slowMs: 2500 }) {
  const ref: { current: RunningSandbox | null } = { current: null };
  beforeAll(async () => {
    ref.current = await startSandboxServer(0, options);
    process.env.NEDZO_API_BASE_URL = ref.current.url;
    resetEnvForTests();
  });
  afterAll(async () => {
    await ref.current?.close();
  });
  return () => ref.current!;
}

let counter = 0;
/** A token the sandbox accepts, unique per call so each test has its own rate-limit bucket. */
export function sandboxToken(): string {
  counter += 1;
  return `sk_test_${process.pid}x${counter}x${Math.random().toString(36).slice(2, 10)}`;
}
