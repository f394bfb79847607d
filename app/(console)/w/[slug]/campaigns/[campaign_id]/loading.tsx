import { CampaignSkeleton } from "@/components/page-skeletons";

export default function Loading() {
  return <CampaignSkeleton />;
}
