import Link from "next/link";
import { ArrowRight, Building2 } from "lucide-react";
import type { Membership } from "@/db/queries/workspaces";
import { listClients } from "@/lib/agencies/clients";
import { mayAddClient } from "@/lib/auth/permissions";
import { formatCount } from "@/lib/ui/format";
import { timeZones } from "@/lib/ui/time-zones";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AddClientForm } from "../add-client-form";

/** An agency's home: its clients, each one click away, with what the agency needs to know at a glance. */
export async function AgencyHome({ membership, userId }: { membership: Membership; userId: string }) {
  const clients = await listClients(membership, userId);
  const tz = membership.workspace.timezone;
  const now = new Date();
  return (
    <section aria-labelledby="clients-heading" className="grid grid-cols-1 gap-6">
      <h1 id="clients-heading" className="text-lg font-semibold">
        Clients
      </h1>
      <Card>
        <CardContent className="p-0">
          {clients.length === 0 ? (
            <div className="grid place-items-center gap-2 px-6 py-12 text-center">
              <Building2 aria-hidden className="size-10 text-muted-foreground" />
              <p className="font-medium">No clients yet</p>
              <p className="text-sm text-muted-foreground">
                Add a client workspace below, connect its Nedzo token, and create campaigns for it.
              </p>
            </div>
          ) : (
            <Table>
              <TableCaption className="sr-only">Clients of {membership.workspace.name}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>Client</TableHead>
                  <TableHead>Nedzo</TableHead>
                  <TableHead className="text-right">Campaigns</TableHead>
                  <TableHead>Last activity</TableHead>
                  <TableHead>Access</TableHead>
                  <TableHead>
                    <span className="sr-only">Open</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {clients.map((c) =>
                  c.nedzo === null ? (
                    // suspended by the client: its name and that it is suspended, nothing of its own
                    <TableRow key={c.id}>
                      <TableCell className="font-medium">{c.name}</TableCell>
                      <TableCell className="text-muted-foreground">—</TableCell>
                      <TableCell className="text-right text-muted-foreground">—</TableCell>
                      <TableCell className="text-muted-foreground">—</TableCell>
                      <TableCell>
                        <Badge variant="destructive">Suspended by the client</Badge>
                      </TableCell>
                      <TableCell />
                    </TableRow>
                  ) : (
                    <TableRow key={c.id}>
                      <TableCell className="font-medium">{c.name}</TableCell>
                      <TableCell>
                        {c.nedzo.connected ? (
                          <Badge variant="success">{c.nedzo.mode === "sandbox" ? "Sandbox" : `Live ••••${c.nedzo.token_last4}`}</Badge>
                        ) : (
                          <Badge variant="secondary">Not connected</Badge>
                        )}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{formatCount(c.campaign_count)}</TableCell>
                      <TableCell>
                        <Time value={c.last_activity_at} timeZone={tz} now={now} />
                      </TableCell>
                      <TableCell>
                        {c.agency_access === "suspended" ? (
                          <Badge variant="destructive">Suspended by the client</Badge>
                        ) : (
                          <Badge variant="outline">Active</Badge>
                        )}
                      </TableCell>
                      <TableCell className="text-right">
                        {/* reachable: through the agency, or (when suspended) with a seat of their own */}
                        <Link
                          href={`/w/${c.slug}`}
                          className="inline-flex items-center gap-1 text-sm font-medium hover:underline"
                          aria-label={`Open ${c.name}`}
                        >
                          Open <ArrowRight aria-hidden className="size-4" />
                        </Link>
                      </TableCell>
                    </TableRow>
                  ),
                )}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {mayAddClient(membership) ? (
        <Card className="max-w-lg">
          <CardHeader>
            <CardTitle>Add a client</CardTitle>
            <CardDescription>
              A workspace for one client: its own Nedzo token, campaigns and people. Your agency&apos;s staff act in it.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AddClientForm agencyId={membership.workspace.id} zones={timeZones()} defaultZone={tz} />
          </CardContent>
        </Card>
      ) : null}
    </section>
  );
}
