import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TrackingView } from "@/components/TrackingView";
import { getTrackingSnapshot } from "@/lib/orders/queries";

// Every request reads the order and the event cursor fresh: a cached page would hand the stream a stale cursor.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Track your order",
  // The token in the URL is the order's only secret: keep it out of search engines and Referer headers.
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function TrackPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const snapshot = await getTrackingSnapshot(token);
  if (!snapshot) notFound();
  return (
    <TrackingView
      initialOrder={snapshot.order}
      cursor={snapshot.cursor}
      token={token}
      eta={snapshot.eta}
      renderedAt={snapshot.readAt}
    />
  );
}
