import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, ArrowRight, Megaphone, Plus, Search } from "lucide-react";
import { listCampaigns } from "@/db/queries/campaigns";
import { campaignSortColumns, campaignStatuses } from "@/db/schema";
import { campaignListQuery, campaignOrder, defaultOrder, parseQueryLeniently, type CampaignSort } from "@/lib/api/pagination";
import { serializeCampaign } from "@/lib/api/serialize";
import { findWorkspace, requireWorkspace, workspaceConnection, workspaceTitle } from "@/lib/auth/page-guard";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LiveUpdates } from "@/components/live-updates";
import { AgencyHome } from "./agency-home";
import { CampaignTable } from "./campaign-table";

const PAGE_SIZE = 25;

const SORT_LABELS: Record<CampaignSort, string> = {
  created_at: "created",
  name: "name",
  status: "status",
  dials: "dials",
  total_pickups: "pickups",
  total_positive_outcomes: "positive outcomes",
  total_min_used: "minutes used",
};

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
  // the API's own query schema; a bad filter, sort or cursor is left out with a note, never a 500
  const { query: list, ignored } = parseQueryLeniently(campaignListQuery.omit({ limit: true }), query);
  const { q = "", status, cursor, sort } = list;
  const order = campaignOrder(list);
  const [page, connection] = await Promise.all([
    listCampaigns(workspaceId, { limit: PAGE_SIZE, cursor, q: q || undefined, status, sort, order }),
    workspaceConnection(workspaceId),
  ]);
  const filtered = Boolean(q || status);
  const canCreate = membership.can("campaigns.create");
  // every link keeps the filters and the order; sort and order only where they are not the defaults
  const isDefault = (s: CampaignSort, o: string) => o === defaultOrder(campaignSortColumns[s]);
  const href = (p: { sort?: CampaignSort; order?: string; cursor?: string }) => {
    const s = p.sort ?? sort;
    const o = p.order ?? order;
    const params = new URLSearchParams({ ...(q && { q }), ...(status && { status }) });
    if (s !== "created_at") params.set("sort", s);
    if (!isDefault(s, o)) params.set("order", o);
    if (p.cursor) params.set("cursor", p.cursor);
    return `/w/${slug}${params.size ? `?${params}` : ""}`;
  };
  // a column's link: the other way round when it is the current sort, else that column in its natural order
  const sortHref = (column: string) => {
    const s = column as CampaignSort;
    return s === sort ? href({ order: order === "asc" ? "desc" : "asc" }) : href({ sort: s, order: defaultOrder(campaignSortColumns[s]) });
  };
  const prevHref = page.prevCursor ? href({ cursor: page.prevCursor }) : null;
  const nextHref = page.nextCursor ? href({ cursor: page.nextCursor }) : null;
  const sortedBy = `${SORT_LABELS[sort]}, ${order === "asc" ? "ascending" : "descending"}`;

  return (
    <section aria-labelledby="campaigns-heading" className="grid grid-cols-1 gap-4">
      <LiveUpdates workspaceId={workspaceId} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 id="campaigns-heading" className="text-lg font-semibold">
          Campaigns
        </h1>
        <form role="search" className="flex flex-wrap items-end gap-2" action={`/w/${slug}`}>
          {/* a search keeps the order the list is in */}
          {sort !== "created_at" ? <input type="hidden" name="sort" value={sort} /> : null}
          {!isDefault(sort, order) ? <input type="hidden" name="order" value={order} /> : null}
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
              caption={`Campaigns of ${membership.workspace.name}, sorted by ${sortedBy}`}
              sorting={{ sort, order }}
              sortHref={sortHref}
            />
          )}
        </CardContent>
      </Card>
      {prevHref || nextHref ? (
        <nav aria-label="Pages of campaigns" className="flex justify-between gap-3 text-sm">
          {prevHref ? (
            <Link className="inline-flex items-center gap-1 underline underline-offset-4" href={prevHref} rel="prev">
              <ArrowLeft aria-hidden className="size-4" /> Previous page
            </Link>
          ) : (
            <span />
          )}
          {nextHref ? (
            <Link className="inline-flex items-center gap-1 underline underline-offset-4" href={nextHref} rel="next">
              Next page <ArrowRight aria-hidden className="size-4" />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
