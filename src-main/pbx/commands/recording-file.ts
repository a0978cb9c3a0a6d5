/**
 * The recording's file name from the profile's pattern: `${date}` (UTC, `20261122-202319`),
 * `${time}`, `${caller}` (the call's first person), `${exten}` (the first of our extensions among the others),
 * `${call}` (the call id). Values are reduced to safe file-name characters: a caller ID can never
 * name a directory or carry a line break.
 */
export interface RecordingNameParts {
  readonly now: number;
  readonly caller: string;
  readonly exten: string;
  readonly callId: string;
}

const PLACEHOLDER = /\$\{(\w+)\}/g;
const UNSAFE = /[^A-Za-z0-9+_.-]/g;

export function recordingFileName(pattern: string, parts: RecordingNameParts): string {
  const iso = new Date(parts.now).toISOString();
  const date = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  const values: Record<string, string> = {
    date,
    time: date.slice(9),
    caller: parts.caller,
    exten: parts.exten,
    call: parts.callId,
  };
  const name = pattern
    .replace(PLACEHOLDER, (_, key: string) => (values[key] ?? '').replace(UNSAFE, '_'))
    .replace(UNSAFE, '_')
    .replace(/^[.]+/, '');
  return name || `recording-${date}`;
}
