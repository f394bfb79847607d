/** The one job a campaign's create may have at a time. */
export const jobKey = (campaignId: string) => `campaign:${campaignId}`;
