import { CardsSkeleton } from "@/components/page-skeletons";

export default function Loading() {
  return <CardsSkeleton label="Loading the form…" cards={1} />;
}
