import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/page-guard";
import { campaignOf } from "./campaign";

// Above the page's loading skeleton: a campaign that is not this workspace's is a real 404 (as in the API),
// answered before anything streams. The page reads the same cached row.
export default async function CampaignLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string; campaign_id: string }>;
}) {
  const { slug, campaign_id } = await params;
  const ws = await requireWorkspace(slug, `/w/${slug}/campaigns/${campaign_id}`);
  if (!(await campaignOf(ws.workspace.id, campaign_id))) notFound();
  return children;
}
