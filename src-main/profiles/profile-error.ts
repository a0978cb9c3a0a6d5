import type { z } from 'zod';
import { describeIssues } from '../../src-shared/profile';
import type { ProfileErrorCode } from '../../src-shared/error-codes';

/** A refusal with a message written for the operator; `code` lets the UI pick a treatment. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly code: ProfileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ProfileError('invalid', describeIssues(result.error));
  return result.data;
}

export function errorCode(error: unknown): string | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function fileSystemError(verb: string, error: unknown): ProfileError {
  const code = errorCode(error);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return new ProfileError(
    'fileSystem',
    `Switchboard couldn't ${verb} your profiles file (${detail}). Your saved profiles were not changed.`,
  );
}
