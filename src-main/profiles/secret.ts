import { z } from 'zod';

/**
 * A secret as the renderer may send it (write-only: it never comes back). It ends up in an AMI
 * `Secret:` header or an MD5 digest, so CR, LF and NUL are refused. Messages never echo the value.
 * Node-free: the contract validates with it too.
 */
export const SecretSchema = z
  .string({ error: 'The secret must be text.' })
  .min(1, "The secret can't be empty.")
  .max(1024, "The secret can't be longer than 1024 characters.")
  .refine((value) => !/[\r\n\0]/.test(value), "The secret can't contain line breaks or NUL characters.");
