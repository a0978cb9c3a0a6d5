import { z } from 'zod';
import { MAX_LINE_BYTES } from './line-limit';
import type { AuthType } from './profile';
import { coded } from './setting-issues';

/**
 * A secret as the renderer may send it (write-only: it never comes back). It ends up in an AMI
 * `Secret:` header or an MD5 digest, so CR, LF and NUL are refused. Messages never echo the value.
 * Node-free: the contract validates with it too.
 */
const MAX_SECRET = 1024;

export const SecretSchema = z
  .string({ error: 'The secret must be text.' })
  .refine((value) => value !== '', coded('secretEmpty', {}))
  .refine((value) => value.length <= MAX_SECRET, coded('secretTooLong', { max: MAX_SECRET }))
  .refine((value) => !/[\r\n\0]/.test(value), coded('secretHasLineBreak', {}));

/** A plain login sends the secret itself as one `Secret: …` line; MD5 sends only its digest. */
const MAX_PLAIN_SECRET_BYTES = MAX_LINE_BYTES - 'Secret: \r\n'.length;

const utf8 = new TextEncoder();

/** A secret that a login of this method can carry to the PBX. */
export function secretSchemaFor(authType: AuthType) {
  if (authType === 'md5') return SecretSchema;
  return SecretSchema.refine(
    (value) => utf8.encode(value).length <= MAX_PLAIN_SECRET_BYTES,
    coded('secretTooLongForPlain', { max: MAX_PLAIN_SECRET_BYTES }),
  );
}
