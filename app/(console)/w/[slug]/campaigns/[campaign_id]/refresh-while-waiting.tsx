"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

// A queued or sending campaign moves on by itself: re-read the page every 2 s until it settles.
export function RefreshWhileWaiting({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
