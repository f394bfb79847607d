import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

// AES-256-GCM for Nedzo tokens at rest. The ciphertext is bound to its workspace (additional data), so a
// row copied into another workspace does not decrypt. Format: base64(iv[12] | tag[16] | ciphertext).
// Rotation: the current key (NEDZO_TOKEN_KEY, version NEDZO_TOKEN_KEY_VERSION) encrypts; previous keys
// (NEDZO_TOKEN_KEYS_PREVIOUS) still decrypt until `npm run keys:rotate` has re-encrypted every token.

export function currentKeyVersion(): number {
  return env().NEDZO_TOKEN_KEY_VERSION;
}

function keyFor(version: number): Buffer {
  const settings = env();
  if (version === settings.NEDZO_TOKEN_KEY_VERSION) return Buffer.from(settings.NEDZO_TOKEN_KEY, "base64");
  const previous = (settings.NEDZO_TOKEN_KEYS_PREVIOUS ?? "").split(",").filter(Boolean);
  const match = previous.map((pair) => pair.split(":")).find(([v]) => Number(v) === version);
  if (!match) throw new Error(`No token key for version ${version}.`);
  const key = Buffer.from(match[1], "base64");
  if (key.length !== 32) throw new Error(`The token key for version ${version} is not 32 bytes.`);
  return key;
}

export function encryptSecret(plaintext: string, context: string): { ciphertext: string; keyVersion: number } {
  const iv = randomBytes(12);
  const version = currentKeyVersion();
  const cipher = createCipheriv("aes-256-gcm", keyFor(version), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64"),
    keyVersion: version,
  };
}

export function decryptSecret(ciphertext: string, keyVersion: number, context: string): string {
  const raw = Buffer.from(ciphertext, "base64");
  if (raw.length < 29) throw new Error("Ciphertext is too short.");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(keyVersion), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A stable hash of a JSON value: keys sorted, so the same body in another key order hashes the same. */
export function hashJson(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return sha256(JSON.stringify(canonical(value)));
}
