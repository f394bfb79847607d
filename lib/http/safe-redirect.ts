// The one decision "may we send the browser there?" for every redirect target that comes from input
// (callbackUrl, Referer, returnTo): only a path on this site. Anything a browser could read as another
// origin — "//host", "/\host", "https://host", "javascript:", tabs or newlines it would strip, and the same
// once or several times percent-decoded (a later layer may decode it) — answers the fallback.

const MAX_LENGTH = 2048;
const BASE = "http://same-site.invalid";

/** Starts with one "/" (not "//" or "/\"), and holds no backslash or control character. */
function isPlainPath(value: string): boolean {
  return value.startsWith("/") && !/^\/[/\\]/.test(value) && !/[\\\u0000-\u001f\u007f]/.test(value);
}

/** The path a browser would go to, as a string starting with "/", or null when it would leave the site. */
function resolved(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname + url.search + url.hash;
  return isPlainPath(path) ? path : null;
}

export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  // every percent-decoded layer must be a plain same-site path too
  let layer = value;
  for (let depth = 0; depth < 5; depth++) {
    if (!isPlainPath(layer) || resolved(layer) === null) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (decoded === layer) break;
    layer = decoded;
    if (depth === 4) return fallback; // still encoded after five layers: nobody means that
  }
  return resolved(value) ?? fallback;
}
