/**
 * What the keychain holds for a profile: its secret together with the server and login method it
 * was saved for (`secretTargetOf`). Keeping both in one entry means no path that re-points a profile
 * (the editor, an import, another process writing the profiles file) can send it to another server.
 */
export function sealSavedSecret(secret: string, target: string): string {
  return JSON.stringify({ for: target, secret });
}

/** The secret when the entry was saved for this target; undefined for another target or an unbound entry. */
export function openSavedSecret(entry: string, target: string): string | undefined {
  const saved = parseEntry(entry);
  return saved?.for === target ? saved.secret : undefined;
}

function parseEntry(entry: string): { readonly for: string; readonly secret: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { for: target, secret } = parsed as Record<string, unknown>;
  return typeof target === 'string' && typeof secret === 'string' ? { for: target, secret } : undefined;
}
