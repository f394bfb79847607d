import type { Metadata } from "next";
import Link from "next/link";
import { auditActionsAndActors, listAuditEvents } from "@/db/queries/audit";
import { auditListQuery, firstValues, parseQueryLeniently } from "@/lib/api/pagination";
import { requireWorkspace, workspaceName, workspaceTitle } from "@/lib/auth/page-guard";
import { dateInZone, zonedDayBounds, zoneName } from "@/lib/ui/format";
import { Forbidden } from "@/components/forbidden";
import { Time } from "@/components/time";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { describeTargets, detailsOf } from "./describe";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return workspaceTitle((await params).slug, "Audit trail");
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const ws = await requireWorkspace(slug, `/w/${slug}/audit`);
  const w = ws.workspace;
  if (!ws.can("audit.read")) return <Forbidden permission="audit.read" role={ws.role} workspaceName={w.name} />;
  const tz = w.timezone;
  const raw = firstValues(query);
  // a day picked in the form is that day in the workspace's zone: its first and last instant, in RFC 3339,
  // then read by the API's own schema (an instant in the link is taken as it is)
  const zoned = { ...raw };
  if (raw.from) zoned.from = zonedDayBounds(raw.from, tz)?.start ?? raw.from;
  if (raw.to) zoned.to = zonedDayBounds(raw.to, tz)?.end ?? raw.to;
  const { query: q, ignored } = parseQueryLeniently(auditListQuery.omit({ limit: true }), zoned);
  const [page, options] = await Promise.all([
    listAuditEvents(w.id, { limit: 50, action: q.action, actorId: q.actor_id, from: q.from, to: q.to, cursor: q.cursor }),
    auditActionsAndActors(w.id),
  ]);
  const agencyName = w.parentId && page.events.some((e) => e.viaWorkspaceId === w.parentId) ? await workspaceName(w.parentId) : null;
  // the filters as typed, for the form and the next page's link: only those that were read
  const shown = { action: q.action, actor_id: q.actor_id, from: q.from && raw.from, to: q.to && raw.to };
  const keep = Object.fromEntries(Object.entries(shown).filter(([, v]) => v)) as Record<string, string>;
  const dayOf = (value: string | undefined, at: Date | undefined) =>
    value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : at ? dateInZone(at, tz) : undefined;
  const target = describeTargets(page.events, { workspace: w, slug, people: new Map(options.actors) });
  const now = new Date();
  const zone = `${tz}, ${zoneName(now, tz)}`;

  return (
    <section aria-labelledby="audit-heading" className="grid grid-cols-1 gap-4">
      <h1 id="audit-heading" className="text-lg font-semibold">
        Audit trail
      </h1>
      {ignored.length ? (
        <Alert role="status" variant="warning">
          <AlertDescription>{`This link had something we could not read (${[...new Set(ignored.map((e) => e.path))].join(", ")}); it was left out.`}</AlertDescription>
        </Alert>
      ) : null}
      <form className="flex flex-wrap items-end gap-3" action={`/w/${slug}/audit`} aria-label="Filter the audit trail">
        <div className="grid gap-1">
          <Label htmlFor="action">Action</Label>
          <NativeSelect id="action" name="action" defaultValue={shown.action ?? ""} className="w-52">
            <option value="">Any action</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="actor">Person</Label>
          <NativeSelect id="actor" name="actor_id" defaultValue={shown.actor_id ?? ""} className="w-60">
            <option value="">Anyone</option>
            {options.actors.map(([id, email]) => (
              <option key={id} value={id}>
                {email}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="from">From</Label>
          <Input
            id="from"
            name="from"
            type="date"
            aria-describedby="audit-zone"
            defaultValue={dayOf(shown.from, q.from)}
            className="w-40"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="to">To</Label>
          <Input id="to" name="to" type="date" aria-describedby="audit-zone" defaultValue={dayOf(shown.to, q.to)} className="w-40" />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <p id="audit-zone" className="w-full text-xs text-muted-foreground">
          Days and times are in this workspace&apos;s time zone ({zone}).
        </p>
      </form>
      <Card>
        <CardContent className="p-0">
          {page.events.length === 0 ? (
            <p className="px-6 py-10 text-center text-sm text-muted-foreground">No event matches these filters.</p>
          ) : (
            <Table>
              <TableCaption className="sr-only">Audit events, newest first</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Action</TableHead>
                  <TableHead>Who</TableHead>
                  <TableHead>Target</TableHead>
                  <TableHead>Details</TableHead>
                  <TableHead>From</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.events.map((e) => {
                  const t = target(e);
                  const details = detailsOf(e);
                  return (
                    <TableRow key={e.id}>
                      <TableCell>
                        <Time value={e.createdAt} timeZone={tz} now={now} />
                      </TableCell>
                      <TableCell>
                        <code className="text-xs">{e.action}</code>{" "}
                        {e.outcome !== "success" ? (
                          <Badge variant={e.outcome === "failure" ? "destructive" : "warning"}>{e.outcome}</Badge>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {e.actorEmail ?? "—"}
                        {e.viaWorkspaceId ? (
                          <span className="block text-xs text-muted-foreground">
                            through {agencyName && e.viaWorkspaceId === w.parentId ? agencyName : "an agency"}
                          </span>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        {t.href ? (
                          <Link href={t.href} className="font-medium hover:underline">
                            {t.text}
                          </Link>
                        ) : (
                          <span className="font-medium">{t.text}</span>
                        )}
                        {t.detail ? <span className="block text-xs text-muted-foreground">{t.detail}</span> : null}
                      </TableCell>
                      <TableCell className="max-w-80 truncate text-xs" title={details || undefined}>
                        {details || "—"}
                      </TableCell>
                      <TableCell className="text-xs text-muted-foreground">{e.ip ?? "—"}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {page.prevCursor || page.nextCursor ? (
        <nav aria-label="Pages of events" className="flex justify-between gap-3 text-sm">
          {page.prevCursor ? (
            <Link
              className="underline underline-offset-4"
              rel="prev"
              href={`/w/${slug}/audit?${new URLSearchParams({ ...keep, cursor: page.prevCursor })}`}
            >
              ← Newer events
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link
              className="underline underline-offset-4"
              rel="next"
              href={`/w/${slug}/audit?${new URLSearchParams({ ...keep, cursor: page.nextCursor })}`}
            >
              Older events →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
