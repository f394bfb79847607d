/** The create job's kind, and the one job a campaign's create may have at a time. */
export const CREATE_JOB = "campaign.create";
export const jobKey = (campaignId: string) => `campaign:${campaignId}`;
