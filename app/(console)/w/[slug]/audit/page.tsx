import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { auditActionsAndActors, listAuditEvents } from "@/db/queries/audit";
import { findMembership } from "@/db/queries/workspaces";
import { auditListQuery, firstValues, parseQueryLeniently } from "@/lib/api/pagination";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/ui/format";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const query = await searchParams;
  const user = await requireUser(`/w/${slug}/audit`);
  const membership = await findMembership({ slug }, user.id);
  if (!membership || !can(membership.role, "audit.read")) notFound();
  const w = membership.workspace;
  // the API's own query schema (same names); a bad filter or cursor is left out with a note, never a 500
  const { query: q, ignored } = parseQueryLeniently(auditListQuery.omit({ limit: true }), query);
  const raw = firstValues(query);
  const [page, options] = await Promise.all([
    listAuditEvents(w.id, { limit: 50, action: q.action, actorId: q.actor_id, from: q.from, to: q.to, cursor: q.cursor }),
    auditActionsAndActors(w.id),
  ]);
  // the filters as typed, for the form and the next page's link: only those that were read
  const shown = { action: q.action, actor_id: q.actor_id, from: q.from && raw.from, to: q.to && raw.to };
  const keep = Object.fromEntries(Object.entries(shown).filter(([, v]) => v)) as Record<string, string>;

  return (
    <section aria-labelledby="audit-heading" className="grid gap-4">
      <h1 id="audit-heading" className="text-lg font-semibold">
        Audit trail
      </h1>
      {ignored.length ? (
        <Alert role="status" variant="warning">
          <AlertDescription>{`This link had something we could not read (${[...new Set(ignored.map((e) => e.path))].join(", ")}); it was left out.`}</AlertDescription>
        </Alert>
      ) : null}
      <form className="flex flex-wrap items-end gap-3" action={`/w/${slug}/audit`}>
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
          <Label htmlFor="from">From (UTC)</Label>
          <Input id="from" name="from" type="date" defaultValue={shown.from?.slice(0, 10)} className="w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="to">To (UTC)</Label>
          <Input id="to" name="to" type="date" defaultValue={shown.to?.slice(0, 10)} className="w-40" />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
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
                {page.events.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>{formatDateTime(e.createdAt.toISOString(), w.timezone)}</TableCell>
                    <TableCell>
                      <code className="text-xs">{e.action}</code> {e.outcome !== "success" ? <Badge variant={e.outcome === "failure" ? "destructive" : "warning"}>{e.outcome}</Badge> : null}
                    </TableCell>
                    <TableCell>
                      {e.actorEmail ?? "—"}
                      {e.viaWorkspaceId ? <span className="block text-xs text-muted-foreground">through an agency</span> : null}
                    </TableCell>
                    <TableCell className="text-xs">
                      {e.targetType}
                      {e.targetId ? <span className="block font-mono text-muted-foreground">{e.targetId.slice(0, 8)}…</span> : null}
                    </TableCell>
                    <TableCell className="max-w-72 truncate font-mono text-xs" title={JSON.stringify(e.metadata)}>
                      {Object.keys(e.metadata).length ? JSON.stringify(e.metadata) : "—"}
                    </TableCell>
                    <TableCell className="text-xs text-muted-foreground">{e.ip ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {page.nextCursor ? (
        <Link className="text-sm underline underline-offset-4" href={`/w/${slug}/audit?${new URLSearchParams({ ...keep, cursor: page.nextCursor })}`}>
          Older events →
        </Link>
      ) : null}
    </section>
  );
}
