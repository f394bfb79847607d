// npm run keys:rotate — re-encrypt every Nedzo token under NEDZO_TOKEN_KEY (version NEDZO_TOKEN_KEY_VERSION).
import { closeDatabase } from "@/db";
import { rotateTokenKeys } from "@/lib/nedzo/rotate-keys";
import { currentKeyVersion } from "@/lib/crypto";

try {
  const { rotated, failed } = await rotateTokenKeys();
  console.log(`Re-encrypted ${rotated} token(s) under key version ${currentKeyVersion()}.`);
  for (const f of failed) console.error(`Could not re-encrypt ${f}`);
  if (failed.length) process.exitCode = 1;
} finally {
  await closeDatabase();
}
