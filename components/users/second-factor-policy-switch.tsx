"use client";

import { Switch } from "@/components/ui/switch";
import { Label } from "@/components/ui/label";
import { useActionTransition } from "@/components/forms/use-action-transition";
import { setSecondFactorRequiredAction } from "@/app/(console)/users/actions";

/** The admin's switch: every local account must add a second factor (users without one are sent to add it). */
export function SecondFactorPolicySwitch({ required }: { required: boolean }) {
  const { pending, run } = useActionTransition();
  return (
    <div className="mb-4 flex items-center gap-3 rounded-md border p-3">
      <Switch
        id="require-second-factor"
        checked={required}
        disabled={pending}
        onCheckedChange={(checked) =>
          run(() => setSecondFactorRequiredAction({ required: checked }), { refresh: true })
        }
      />
      <Label htmlFor="require-second-factor">Require a second factor (authenticator app) for every user</Label>
    </div>
  );
}
