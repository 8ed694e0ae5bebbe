"use client";

import * as React from "react";
import { startRegistration } from "@simplewebauthn/browser";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormattedDate } from "@/components/ui/formatted-date";
import { useActionTransition } from "@/components/forms/use-action-transition";
import {
  finishPasskeyRegistrationAction,
  removePasskeyAction,
  startPasskeyRegistrationAction,
} from "@/app/(auth)/account/actions";

export type PasskeyRow = { id: string; createdAt: string; lastUsedAt: string | null };

/** The account's passkeys: add one with this device's authenticator, or remove one. */
export function PasskeySettings({ passkeys }: { passkeys: PasskeyRow[] }) {
  const { pending, run } = useActionTransition();
  const [adding, setAdding] = React.useState(false);

  async function addPasskey() {
    setAdding(true);
    try {
      const options = await startPasskeyRegistrationAction();
      if (!options.ok) return void toast.error(options.error);
      const response = await startRegistration({ optionsJSON: options.data }).catch(() => null);
      if (!response) return void toast.error("No passkey was created. Try again, and allow it when asked.");
      run(() => finishPasskeyRegistrationAction(response), { refresh: true });
    } finally {
      setAdding(false);
    }
  }

  return (
    <section aria-labelledby="passkeys-heading" className="mt-6 grid gap-3">
      <h2 id="passkeys-heading" className="font-medium">
        Passkeys
      </h2>
      {passkeys.length === 0 ? (
        <p className="text-sm">No passkey yet: after your password, sign-in can ask for one instead of a code.</p>
      ) : (
        <ul aria-label="Your passkeys" className="grid gap-2">
          {passkeys.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 text-sm">
              <span>
                Passkey added <FormattedDate value={p.createdAt} />
              </span>
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={pending}
                onClick={() => run(() => removePasskeyAction({ passkeyId: p.id }), { refresh: true })}
              >
                Remove passkey
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button type="button" disabled={pending || adding} onClick={addPasskey}>
        Add a passkey
      </Button>
    </section>
  );
}
