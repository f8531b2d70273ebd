import { requireStaff } from "@/lib/auth/request";
import { parseCursor } from "@/lib/events/cursor";
import { sseResponse } from "@/lib/events/response";
import { openStaffStream } from "@/lib/events/stream";
import { errorResponse } from "@/lib/http/responses";
import { refuseStreamWhileShuttingDown } from "@/lib/server/shutdown";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const closing = refuseStreamWhileShuttingDown();
  if (closing) return closing;
  const auth = await requireStaff(request);
  if (!auth.ok) return auth.response;
  const cursor = parseCursor(request);
  if (!cursor.ok) return errorResponse(400, "invalid_cursor", cursor.message);
  return sseResponse(openStaffStream({ cursor: cursor.cursor, signal: request.signal }));
}
