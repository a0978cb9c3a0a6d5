/**
 * The directory's argument schemas, validated in main and typed in the page. Node-free.
 * Text that reaches SQLite or an LDAP server never carries CR, LF or NUL.
 */
import { z } from 'zod';

const NO_BREAKS = /^[^\r\n\0]*$/;
const plainText = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} can't be longer than ${max} characters.`)
    .regex(NO_BREAKS, `${what} can't contain line breaks.`);

/** The largest contact file the page sends: under the bridge's 1 MiB cap with room for the rest. */
export const MAX_CONTACT_FILE_CHARS = 900_000;
export const MAX_SEARCH_RESULTS = 50;

export const DirectorySearchSchema = z.strictObject({
  query: plainText(100, 'A search'),
  limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});

/** What a caller's number may be written with when it is looked up, and how long. */
export const LOOKUP_NUMBER = /^[+\d\s().\-/*#]*$/;
export const MAX_LOOKUP_NUMBER = 40;

export const NumberLookupSchema = z.strictObject({
  number: z.string().max(MAX_LOOKUP_NUMBER).regex(LOOKUP_NUMBER, 'That is not a phone number.'),
});

const FileName = plainText(200, 'A file name').min(1, 'The file needs a name.');
const FileText = z
  .string()
  .max(MAX_CONTACT_FILE_CHARS, 'That file is too large for the phonebook (at most about 900 KB at a time).');
const Column = z.number().int().min(0).max(499);

export const CsvMappingSchema = z.strictObject({
  name: Column.optional(),
  firstName: Column.optional(),
  lastName: Column.optional(),
  company: Column.optional(),
  department: Column.optional(),
  phone: Column.optional(),
  mobile: Column.optional(),
});

export const CsvPreviewSchema = z.strictObject({ text: FileText });
export const CsvImportSchema = z.strictObject({ fileName: FileName, text: FileText, mapping: CsvMappingSchema });
export const VcardImportSchema = z.strictObject({ fileName: FileName, text: FileText });
export const SourceRefSchema = z.strictObject({ id: z.number().int().positive() });

const Attribute = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'An attribute is a name like telephoneNumber.');

export const LdapSettingsSchema = z
  .strictObject({
    url: z
      .string()
      .regex(
        /^ldaps?:\/\/[A-Za-z0-9.[\]:-]{1,253}(:\d{1,5})?\/?$/,
        'The server is written ldap://host:389 or ldaps://host:636.',
      ),
    security: z.enum(['ldaps', 'starttls', 'none']),
    caCertificate: z
      .string()
      .max(20_000)
      .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, 'That is not a PEM certificate.')
      .optional(),
    bindDn: plainText(500, 'The bind name'),
    baseDn: plainText(500, 'The base DN').min(1, 'The base DN is needed.'),
    filter: plainText(1000, 'The filter').regex(
      /^\(.*\)$/,
      'A filter is written in parentheses, like (objectClass=person).',
    ),
    attributes: z.strictObject({
      name: Attribute,
      phone: Attribute,
      mobile: Attribute.optional(),
      company: Attribute.optional(),
      department: Attribute.optional(),
    }),
  })
  .refine((settings) => (settings.security === 'ldaps') === settings.url.startsWith('ldaps://'), {
    message: 'LDAPS goes with an ldaps:// address; StartTLS and plain with ldap://.',
    path: ['security'],
  });
