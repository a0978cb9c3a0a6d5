/** Parses `"Name" <number>`, `Name <number>` or a bare number. */
export function parseCallerId(value: string | undefined): { num?: string; name?: string } {
  if (!value) return {};
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(value);
  if (m) return { name: m[1] || undefined, num: m[2] || undefined };
  return { num: value.trim() };
}
