/** `GET /api/openapi.json`: the API described (document.ts), built once per process. */
import "server-only";
import { openApiDocument } from "./document";

let document: ReturnType<typeof openApiDocument> | undefined;

export function GET(): Response {
  document ??= openApiDocument();
  return Response.json(document, { headers: { "Cache-Control": "public, max-age=300" } });
}
