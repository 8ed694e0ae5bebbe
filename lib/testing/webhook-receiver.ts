/**
 * A webhook receiver on loopback for notification tests: it verifies every delivery's signature
 * with the standardwebhooks library, as a real receiver would, and answers with the statuses it
 * is told to (then 200).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { closeHttpServer } from "@/lib/testing/close-http-server";

export type ReceivedWebhook = {
  id: string;
  verified: boolean;
  body: { type: string; data: Record<string, unknown> } & Record<string, unknown>;
  raw: string;
};

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** The signing secret to verify with (shown once when the channel was created). */
  setSecret(secret: string): void;
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  let secret = "";
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(secret).verify(raw, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({
        id: headers["webhook-id"] ?? "",
        verified,
        body: JSON.parse(raw) as ReceivedWebhook["body"],
        raw,
      });
      res.writeHead(answers.shift() ?? 200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setSecret: (value) => (secret = value),
    answerNext: (...statuses) => answers.push(...statuses),
    close: () => closeHttpServer(server),
  };
}
