/**
 * The directory's argument schemas, validated in main and typed in the page. Node-free.
 * Text that reaches SQLite or an LDAP server never carries CR, LF or NUL.
 */
import { z } from 'zod';
import { argumentSaid } from './argument-said';
import type { TextField } from './main-said';

const NO_BREAKS = /^[^\r\n\0]*$/;
const plainText = (max: number, field: TextField) =>
  z
    .string()
    .max(max, argumentSaid('textTooLong', { field, max }))
    .regex(NO_BREAKS, argumentSaid('textHasLineBreak', { field }));

/** The largest contact file the page sends: under the bridge's 1 MiB cap with room for the rest. */
export const MAX_CONTACT_FILE_CHARS = 900_000;
export const MAX_SEARCH_RESULTS = 50;

export const DirectorySearchSchema = z.strictObject({
  query: plainText(100, 'search'),
  limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});

/** What a caller's number may be written with when it is looked up, and how long. */
export const LOOKUP_NUMBER = /^[+\d\s().\-/*#]*$/;
export const MAX_LOOKUP_NUMBER = 40;

export const NumberLookupSchema = z.strictObject({
  number: z.string().max(MAX_LOOKUP_NUMBER).regex(LOOKUP_NUMBER, argumentSaid('lookupNotNumber', {})),
});

const FileName = plainText(200, 'fileName').min(1, argumentSaid('fileNeedsName', {}));
const FileText = z.string().max(MAX_CONTACT_FILE_CHARS, argumentSaid('contactFileTooLarge', {}));
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

const Attribute = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, argumentSaid('notAttribute', {}));

export const LdapSettingsSchema = z
  .strictObject({
    url: z.string().regex(/^ldaps?:\/\/[A-Za-z0-9.[\]:-]{1,253}(:\d{1,5})?\/?$/, argumentSaid('notLdapUrl', {})),
    security: z.enum(['ldaps', 'starttls', 'none']),
    caCertificate: z
      .string()
      .max(20_000)
      .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, argumentSaid('notPemCertificate', {}))
      .optional(),
    bindDn: plainText(500, 'bindName'),
    baseDn: plainText(500, 'baseDn').min(1, argumentSaid('baseDnNeeded', {})),
    filter: plainText(1000, 'filter').regex(/^\(.*\)$/, argumentSaid('filterNotParenthesised', {})),
    attributes: z.strictObject({
      name: Attribute,
      phone: Attribute,
      mobile: Attribute.optional(),
      company: Attribute.optional(),
      department: Attribute.optional(),
    }),
  })
  .refine((settings) => (settings.security === 'ldaps') === settings.url.startsWith('ldaps://'), {
    message: argumentSaid('securityMismatch', {}),
    path: ['security'],
  });
