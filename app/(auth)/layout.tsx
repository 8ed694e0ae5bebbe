export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-xl font-semibold">
          {/* eslint-disable-next-line @next/next/no-img-element -- a static 28px SVG needs no image optimisation */}
          <img src="/icon.svg" alt="" width={28} height={28} />
          Handshake
        </div>
        <div className="rounded-lg border bg-card p-6 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
