import { register } from "node:module";

// next-auth imports "next/server" and "next/headers" without the ".js" that Node's own ESM loader needs
// (Next's package has no "exports" map). Next's bundler resolves them; in tests, this hook does.
// Import this module before anything that imports next-auth (then import that dynamically).
const NEXT_ENTRY = ["next/server", "next/headers", "next/navigation"];
register(
  "data:text/javascript," +
    encodeURIComponent(
      `const entries = ${JSON.stringify(NEXT_ENTRY)};
       export async function resolve(specifier, context, next) {
         return next(entries.includes(specifier) ? specifier + ".js" : specifier, context);
       }`,
    ),
);
