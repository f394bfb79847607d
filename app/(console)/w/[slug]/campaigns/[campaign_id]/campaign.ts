import "server-only";
import { cache } from "react";
import { getCampaign } from "@/db/queries/campaigns";
import { isUuid } from "@/lib/api/guard";

/** The campaign, read once per render: its layout, page and tab title share it. */
export const campaignOf = cache((workspaceId: string, campaignId: string) =>
  isUuid(campaignId) ? getCampaign(workspaceId, campaignId) : Promise.resolve(null),
);
