import Link from "next/link";
import { listKeysReadingUserToken } from "@/lib/api-keys/list-api-keys";
import { USER_ACCESS_LABELS } from "@/lib/schemas/api-key";

/**
 * Next to "Connect my account": the usable API keys that may read the signed-in user's token on
 * this connection, so they know who gets it before connecting.
 */
export async function KeysReadingMyToken({ connectionId, userId }: { connectionId: string; userId: string }) {
  const keys = await listKeysReadingUserToken(connectionId, userId);
  return (
    <section aria-labelledby="keys-reading-my-token" className="grid gap-1 text-sm" data-testid="keys-reading-my-token">
      <h3 id="keys-reading-my-token" className="font-medium">
        API keys that may read your token
      </h3>
      {keys.length === 0 ? (
        <p className="text-muted-foreground">None: no API key may read your token on this connection.</p>
      ) : (
        <ul className="grid gap-0.5">
          {keys.map((key) => (
            <li key={key.id}>
              <Link href={`/api-keys/${key.id}`} className="font-medium hover:underline">
                {key.name}
              </Link>{" "}
              <code className="font-mono text-xs">{key.displayPrefix}…</code>{" "}
              <span className="text-muted-foreground">
                (
                {key.userAccess === "ALL_USERS"
                  ? "every user's token"
                  : `you are one of its ${USER_ACCESS_LABELS.CHOSEN_USERS.toLowerCase()}`}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
