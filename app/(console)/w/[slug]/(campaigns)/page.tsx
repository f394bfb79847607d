import type { Metadata } from "next";
import Link from "next/link";
import { Megaphone, Plus, Search } from "lucide-react";
import { listCampaigns } from "@/db/queries/campaigns";
import { campaignStatuses } from "@/db/schema";
import { campaignListQuery, parseQueryLeniently } from "@/lib/api/pagination";
import { serializeCampaign } from "@/lib/api/serialize";
import { findWorkspace, requireWorkspace, workspaceConnection, workspaceTitle } from "@/lib/auth/page-guard";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AgencyHome } from "./agency-home";
import { CampaignTable } from "./campaign-table";

const PAGE_SIZE = 25;

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const ws = await findWorkspace(slug);
  return workspaceTitle(slug, ws?.workspace.kind === "agency" ? "Clients" : "Campaigns");
}

export default async function CampaignsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const membership = await requireWorkspace(slug);
  if (membership.workspace.kind === "agency") return <AgencyHome membership={membership} userId={membership.user.id} />;
  const workspaceId = membership.workspace.id;
  // the API's own query schema; a bad filter or cursor is left out with a note, never a 500
  const { query: list, ignored } = parseQueryLeniently(campaignListQuery.omit({ limit: true }), query);
  const { q = "", status, cursor } = list;
  const [page, connection] = await Promise.all([
    listCampaigns(workspaceId, { limit: PAGE_SIZE, cursor, q: q || undefined, status }),
    workspaceConnection(workspaceId),
  ]);
  const filtered = Boolean(q || status);
  const canCreate = membership.can("campaigns.create");
  const nextHref = page.nextCursor
    ? `/w/${slug}?${new URLSearchParams({ ...(q && { q }), ...(status && { status }), cursor: page.nextCursor })}`
    : null;

  return (
    <section aria-labelledby="campaigns-heading" className="grid grid-cols-1 gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="campaigns-heading" className="text-lg font-semibold">
          Campaigns
        </h1>
        <form role="search" className="flex flex-wrap items-end gap-2" action={`/w/${slug}`}>
          <div className="grid gap-1">
            <Label htmlFor="q">Search by name</Label>
            <Input id="q" name="q" type="search" defaultValue={q} placeholder="e.g. renewals" className="w-56" />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="status">Status</Label>
            <NativeSelect id="status" name="status" defaultValue={status ?? ""} className="w-36">
              <option value="">Any status</option>
              {campaignStatuses.map((s) => (
                <option key={s} value={s}>
                  {s[0].toUpperCase() + s.slice(1)}
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" variant="secondary">
            <Search aria-hidden /> Search
          </Button>
        </form>
      </div>

      {ignored.length ? (
        <Alert role="status" variant="warning">
          <AlertDescription>{`This link had something we could not read (${[...new Set(ignored.map((e) => e.path))].join(", ")}); it was left out.`}</AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardContent className="p-0">
          {page.campaigns.length === 0 ? (
            <div className="grid place-items-center gap-3 px-6 py-16 text-center">
              <Megaphone aria-hidden className="size-10 text-muted-foreground" />
              {filtered ? (
                <>
                  <p className="font-medium">No campaign matches this search.</p>
                  <Link className="text-sm underline underline-offset-4" href={`/w/${slug}`}>
                    Clear the search
                  </Link>
                </>
              ) : (
                <>
                  <p className="font-medium">No campaigns yet</p>
                  <p className="max-w-md text-sm text-muted-foreground">
                    {connection
                      ? "Create a campaign: it is sent to Nedzo, and its numbers show up here."
                      : "Connect this workspace to Nedzo (or to the built-in sandbox) in Settings, then create your first campaign."}
                  </p>
                  {canCreate && connection ? (
                    <Button asChild>
                      <Link href={`/w/${slug}/campaigns/new`}>
                        <Plus aria-hidden /> Create your first campaign
                      </Link>
                    </Button>
                  ) : membership.can("connection.manage") ? (
                    <Button asChild>
                      <Link href={`/w/${slug}/settings`}>Connect Nedzo</Link>
                    </Button>
                  ) : null}
                </>
              )}
            </div>
          ) : (
            <CampaignTable
              campaigns={page.campaigns.map(serializeCampaign)}
              slug={slug}
              timeZone={membership.workspace.timezone}
              caption={`Campaigns of ${membership.workspace.name}, newest first`}
            />
          )}
        </CardContent>
      </Card>
      {(cursor || nextHref) && (
        <nav aria-label="Pages" className="flex justify-between text-sm">
          {cursor ? (
            <Link className="underline underline-offset-4" href={`/w/${slug}?${new URLSearchParams({ ...(q && { q }), ...(status && { status }) })}`}>
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {nextHref ? (
            <Link className="underline underline-offset-4" href={nextHref}>
              Older campaigns →
            </Link>
          ) : null}
        </nav>
      )}
    </section>
  );
}
