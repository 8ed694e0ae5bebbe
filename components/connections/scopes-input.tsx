"use client";

import * as React from "react";
import { X } from "lucide-react";
import { inputClassName } from "@/components/ui/input";
import { mergeScopes, splitScopeInput } from "@/lib/oauth/scopes";
import { cn } from "@/lib/utils";

/**
 * Scopes as removable chips. Typing a comma or space, pressing Enter, or leaving the field turns
 * what was typed into chips; every chip is kept, even an invalid one, so the form can show what
 * is wrong with it instead of dropping it.
 */
export function ScopesInput({
  id,
  value,
  onChange,
  onBlur,
  itemErrors,
  describedBy,
  invalid,
}: {
  id: string;
  value: string[];
  onChange: (scopes: string[]) => void;
  onBlur: () => void;
  itemErrors: (string | undefined)[];
  describedBy?: string;
  invalid?: boolean;
}) {
  const [text, setText] = React.useState("");

  function commit(input: string) {
    const tokens = splitScopeInput(input);
    if (tokens.length > 0) onChange(mergeScopes(value, tokens));
  }

  function handleChange(next: string) {
    // Everything before the last separator is complete; the rest is still being typed.
    const lastSeparator = Math.max(next.lastIndexOf(","), next.search(/\s(?=\S*$)/));
    if (lastSeparator >= 0) {
      commit(next.slice(0, lastSeparator));
      setText(next.slice(lastSeparator + 1));
    } else {
      setText(next);
    }
  }

  return (
    <div className="grid gap-2">
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5">
          {value.map((scope, index) => (
            <li
              key={`${scope}-${index}`}
              className={cn(
                "inline-flex max-w-full items-center gap-1 rounded-full border bg-secondary py-0.5 pr-1 pl-2.5 font-mono text-xs",
                itemErrors[index] && "border-destructive bg-destructive/10 text-destructive",
              )}
              data-testid="scope-chip"
            >
              <span className="min-w-0 wrap-anywhere">{scope}</span>
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-accent"
                aria-label={`Remove scope ${scope}`}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                <X className="size-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        className={inputClassName}
        value={text}
        autoComplete="off"
        spellCheck={false}
        placeholder={value.length ? "Add another scope" : "openid profile email"}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => handleChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit(text);
            setText("");
          } else if (e.key === "Backspace" && text === "" && value.length > 0) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={() => {
          commit(text);
          setText("");
          onBlur();
        }}
      />
    </div>
  );
}
