import type { z } from 'zod';
import type { ProfileErrorCode } from '../../src-shared/error-codes';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { codedByDefault, saidOf } from '../../src-shared/argument-said';
import { describeIssues, inEnglish } from '../english-words';

/**
 * A refusal the operator reads: `code` lets the UI pick a treatment; a coded `refusal` is worded
 * by the page in the operator's language, `message` is main's English.
 */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  readonly refusal: Refusal | undefined;
  constructor(
    readonly code: ProfileErrorCode,
    said: Refusal | string,
    message = typeof said === 'string' ? said : inEnglish(said),
  ) {
    super(message);
    this.refusal = typeof said === 'string' ? undefined : said;
  }
}

/** The parsed value, or a refusal: every problem in English, the first a check found coded. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { error: codedByDefault });
  if (result.success) return result.data;
  const english = describeIssues(result.error);
  const said = result.error.issues.map(saidOf).find((found) => found !== undefined);
  throw new ProfileError('invalid', said ?? english, english);
}

export function errorCode(error: unknown): string | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** The file system's error code (EACCES) as the detail; its English message only when it has none. */
export function fileSystemError(
  reason: 'profilesFileUnlockable' | 'profilesFileUnreadable' | 'profilesFileUncopied' | 'profilesFileUnsaved',
  error: unknown,
): ProfileError {
  const detail = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
  return new ProfileError('fileSystem', refusal(reason, { detail }));
}
