import type { RecordingPlaceholder } from '../../../src-shared/profile';

/**
 * The recording's file name from the profile's pattern: `${date}` (UTC, `20261122-202319`),
 * `${time}`, `${caller}` (the call's first person), `${callee}` (the person called),
 * `${exten}` (the first of our extensions among the others), `${uniqueid}` (the recorded channel's).
 * Values are reduced to safe file-name characters: a caller ID can never name a directory or
 * carry a line break.
 */
export interface RecordingNameParts {
  readonly now: number;
  readonly caller: string;
  readonly callee: string;
  readonly exten: string;
  readonly uniqueid: string;
}

const PLACEHOLDER = /\$\{(\w+)\}/g;
const UNSAFE = /[^A-Za-z0-9+_.-]/g;

export function recordingFileName(pattern: string, parts: RecordingNameParts): string {
  const iso = new Date(parts.now).toISOString();
  const date = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  // Typed by the profile's list of placeholders, so the two cannot drift apart.
  const values: Record<RecordingPlaceholder, string> = {
    date,
    time: date.slice(9),
    caller: parts.caller,
    callee: parts.callee,
    exten: parts.exten,
    uniqueid: parts.uniqueid,
  };
  const name = pattern
    .replace(PLACEHOLDER, (_, key: string) => (values[key as RecordingPlaceholder] ?? '').replace(UNSAFE, '_'))
    .replace(UNSAFE, '_')
    .replace(/^[.]+/, '');
  return name || `recording-${date}`;
}
