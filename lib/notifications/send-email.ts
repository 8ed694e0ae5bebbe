/**
 * Sends one notification by e-mail over SMTP (nodemailer), plain text and HTML. The outbound
 * policy applies as to every admin-supplied destination: the host is resolved once, each address
 * checked (lib/net/address-policy.ts), and the connection made to the checked address (the name
 * kept for TLS), so DNS rebinding cannot slip past. Unencrypted SMTP only where OUTBOUND_ALLOW_HTTP allows.
 */
import dns from "node:dns";
import net from "node:net";
import nodemailer from "nodemailer";
import { getConfig } from "@/lib/config/env";
import { assertAddressAllowed, createAddressPolicy, OutboundBlockedError } from "@/lib/net/address-policy";
import type { AttemptResult } from "@/lib/notifications/send-webhook";
import {
  notificationLines,
  notificationLink,
  notificationSubject,
  type NotificationMessage,
} from "@/lib/notifications/notification-message";

export type EmailTarget = {
  host: string;
  port: number;
  security: string;
  user: string | null;
  password: string | null;
  from: string;
  recipients: string[];
};

const TIMEOUT_MS = 10_000;

export async function sendEmail(target: EmailTarget, message: NotificationMessage): Promise<AttemptResult> {
  let address: string;
  try {
    address = await checkedAddress(target);
  } catch (error) {
    if (error instanceof OutboundBlockedError) return { outcome: "REFUSED", statusCode: null, error: error.message };
    return { outcome: "FAILED", statusCode: null, error: `Could not resolve ${target.host}.` };
  }
  const transport = nodemailer.createTransport({
    host: address,
    port: target.port,
    secure: target.security === "TLS",
    requireTLS: target.security === "STARTTLS",
    ignoreTLS: target.security === "NONE",
    tls: { servername: net.isIP(target.host) ? undefined : target.host },
    auth: target.user ? { user: target.user, pass: target.password ?? "" } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  const lines = notificationLines(message);
  try {
    await transport.sendMail({
      from: target.from,
      to: target.recipients,
      subject: notificationSubject(message),
      text: lines.join("\n"),
      html: emailHtml(message, lines),
    });
    return { outcome: "DELIVERED", statusCode: 250, error: null };
  } catch (error) {
    const failure = error as { responseCode?: number; code?: string };
    return {
      outcome: "FAILED",
      statusCode: failure.responseCode ?? null,
      error: `The mail server refused or could not be reached (${failure.responseCode ?? failure.code ?? "unknown"}).`,
    };
  } finally {
    transport.close();
  }
}

async function checkedAddress(target: EmailTarget): Promise<string> {
  const config = getConfig();
  if (target.security === "NONE" && !config.outboundAllowHttp)
    throw new OutboundBlockedError(
      "protocol",
      `Refused unencrypted SMTP to ${target.host}: choose STARTTLS or TLS (OUTBOUND_ALLOW_HTTP=true allows it for tests).`,
      { host: target.host },
    );
  const policy = createAddressPolicy(config.outboundAllowCidrs);
  const addresses = net.isIP(target.host)
    ? [{ address: target.host }]
    : await dns.promises.lookup(target.host, { all: true, verbatim: true });
  for (const { address } of addresses) assertAddressAllowed(policy, address, target.host);
  return addresses[0]!.address;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function emailHtml(message: NotificationMessage, lines: string[]): string {
  const link = notificationLink(message.payload);
  const body = lines
    .slice(0, -1)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("");
  return `<!doctype html><html><body>${body}<p><a href="${escapeHtml(link)}">Open in Handshake</a></p></body></html>`;
}
