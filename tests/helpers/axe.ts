import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

// axe-core on a page as it is now (WCAG 2.1 A and AA): the serious and critical violations, each with where
// and why. The page's context must bypass CSP, since axe goes in as an inline script.

const AXE = readFileSync(path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = (await page.evaluate(
    async (tags) =>
      (
        await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe.run(document, {
          runOnly: { type: "tag", values: tags },
        })
      ).violations,
    TAGS,
  )) as Violation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`).join("\n")}`,
    );
}
