"use client";

import * as React from "react";
import { ThemeProvider } from "next-themes";
import { Toaster } from "sonner";
import { z } from "zod";

// zod 4 compiles fast parsers with new Function(); the console's content security policy forbids
// eval in the browser, so forms validate without it (the server keeps the compiled parsers).
z.config({ jitless: true });

export function Providers({ nonce, children }: { nonce?: string; children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
      {/* Bottom right: a toast never covers the header's account, theme and sign-out controls. */}
      <Toaster richColors closeButton position="bottom-right" />
    </ThemeProvider>
  );
}
