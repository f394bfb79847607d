import pino, { type DestinationStream, type Logger } from "pino";
import { logLevel } from "@/lib/env";
import { currentRequestId } from "./context";
import { CENSOR, isSecretKey, scrub } from "./redact";

// The one logger: JSON lines on stdout (level from LOG_LEVEL), each with the request id of the request it
// was written in, credentials removed by field name and by shape (lib/log/redact.ts), in one walk of each
// argument (scrubValue).

// Secret fields are censored here, by name at any depth walked (four levels: pino's redact paths reached
// three), instead of by pino's redact option: its wildcard paths cost more per line than this one walk.
function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: scrub(value.stack ?? "") };
  if (value === null || typeof value !== "object") return value;
  // deeper than the walk goes: left out, never written unread
  if (depth > 3) return "[depth]";
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    out[key] = isSecretKey(key) ? CENSOR : scrubValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

/** A logger writing to `destination` (stdout by default): tests hand it a stream to read what it wrote. */
export function createLogger(destination?: DestinationStream, level: string = logLevel()): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const id = currentRequestId();
        return id ? { request_id: id } : {};
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrubValue(a)) as Parameters<typeof method>);
        },
      },
    },
    // process.stdout: synchronous for files and pipes on Linux, so nothing is lost at exit
    destination ?? process.stdout,
  );
}

const holder = globalThis as unknown as { __campaignConsoleLog?: Logger };

/** The process's logger (one per process, whichever bundle asks). */
export const log: Logger = (holder.__campaignConsoleLog ??= createLogger());

/**
 * Development only: a mail that was not sent (no EMAIL_SERVER), printed as it is — its sign-in link must
 * stay usable, so it bypasses the scrubbing. lib/mail.ts refuses to get here in production.
 */
export function printForDeveloper(text: string): void {
  console.log(text); // as plain text on purpose: a person copies the link from it (tests read it too)
}
