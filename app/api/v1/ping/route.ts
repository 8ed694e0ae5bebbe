// GET /api/v1/ping - constant JSON, no database, no authentication: lets an API client (and
// npm run bench:token-api, as its baseline) tell "console reachable" from "token API failing".
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
