import { env } from "@/lib/env";
import { createSandbox, SandboxConnectionDropped, type Sandbox } from "./handler";

// Sandbox-mode workspaces talk to one sandbox per server process, through a fetch that never leaves it.

const holder = globalThis as unknown as { __campaignConsoleSandbox?: Sandbox };

export function inProcessSandbox(): Sandbox {
  const settings = env();
  holder.__campaignConsoleSandbox ??= createSandbox({
    ratePerSec: settings.SANDBOX_RATE_PER_SEC,
    burst: settings.SANDBOX_BURST,
    slowMs: settings.SANDBOX_SLOW_MS,
  });
  return holder.__campaignConsoleSandbox;
}

export const inProcessFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const pending = inProcessSandbox().handle(request);
  const signal = init?.signal;
  const aborted = signal
    ? new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      })
    : null;
  try {
    return await (aborted ? Promise.race([pending, aborted]) : pending);
  } catch (error) {
    if (error instanceof SandboxConnectionDropped) {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    }
    throw error;
  }
};
