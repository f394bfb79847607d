// npm run sandbox — the sandbox Nedzo on SANDBOX_PORT (default 4010).
import { env } from "@/lib/env";
import { startSandboxServer } from "@/lib/nedzo/sandbox/server";
import { DEMO_AGENTS, MAGIC_AGENTS } from "@/lib/nedzo/sandbox/magic";

const settings = env();
const sandbox = await startSandboxServer(settings.SANDBOX_PORT, {
  ratePerSec: settings.SANDBOX_RATE_PER_SEC,
  burst: settings.SANDBOX_BURST,
  slowMs: settings.SANDBOX_SLOW_MS,
});
console.log(`Nedzo sandbox listening on ${sandbox.url} — any token "sk_test_" + 8 or more characters is accepted.`);
console.log(`Demo agents: ${DEMO_AGENTS.map((a) => `${a.name} ${a.id}`).join(", ")}`);
console.log("Magic agent ids:");
for (const m of Object.values(MAGIC_AGENTS)) console.log(`  ${m.id}  ${m.effect}`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
