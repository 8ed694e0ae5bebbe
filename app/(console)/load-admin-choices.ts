import "server-only";

type ChoiceLoaders = Record<string, () => Promise<unknown[]>>;

/**
 * The lists only an admin's dialogs offer (connections, users to choose from): read for an admin,
 * empty for an auditor, so a page reads nothing it would not show.
 */
export async function loadAdminChoices<L extends ChoiceLoaders>(
  isAdmin: boolean,
  loaders: L,
): Promise<{ [K in keyof L]: Awaited<ReturnType<L[K]>> }> {
  const entries = await Promise.all(
    Object.entries(loaders).map(async ([name, load]) => [name, isAdmin ? await load() : []] as const),
  );
  return Object.fromEntries(entries) as { [K in keyof L]: Awaited<ReturnType<L[K]>> };
}
