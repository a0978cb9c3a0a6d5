import { Client, InvalidCredentialsError, NoSuchObjectError, type Entry } from 'ldapts';
import type { LdapSettings } from '../../../src-shared/directory-results';
import { refusal, type Refusal } from '../../../src-shared/refusals';
import { inEnglish } from '../../english-words';
import type { NewContact } from '../contact-store';
import { isPhoneNumber } from './csv';

const CONNECT_TIMEOUT_MS = 8_000;
const OPERATION_TIMEOUT_MS = 30_000;
/** More than any switchboard's phonebook; a larger directory needs a narrower filter. */
const MAX_ENTRIES = 100_000;

/** A refusal from the directory server or the network: a code, and what the page words (English in `message`). */
export class LdapSourceError extends Error {
  override readonly name = 'LdapSourceError';
  constructor(
    readonly code: 'authFailed' | 'unreachable' | 'tlsFailed' | 'noSuchBase' | 'refused',
    readonly said: Refusal,
  ) {
    super(inEnglish(said));
  }
}

/** Reads every entry under the base DN that the filter selects, as contacts. */
export async function fetchLdapContacts(settings: LdapSettings, bindSecret: string | undefined): Promise<NewContact[]> {
  const where = serverOf(settings.url);
  const tlsOptions = settings.caCertificate ? { ca: [settings.caCertificate] } : {};
  const client = new Client({
    url: settings.url,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timeout: OPERATION_TIMEOUT_MS,
    // ldapts speaks TLS from the start whenever it is given TLS options, so only ldaps gets them here.
    ...(settings.security === 'ldaps' && { tlsOptions }),
  });
  try {
    if (settings.security === 'starttls') await client.startTLS({ ...tlsOptions, host: hostOf(settings.url) });
    if (settings.bindDn) await client.bind(settings.bindDn, bindSecret ?? '');
    const map = settings.attributes;
    const wanted = [map.name, map.phone, map.mobile, map.company, map.department, 'cn'].filter(
      (attribute): attribute is string => Boolean(attribute),
    );
    const { searchEntries } = await client.search(settings.baseDn, {
      scope: 'sub',
      filter: settings.filter,
      attributes: wanted,
      paged: { pageSize: 500 },
      sizeLimit: MAX_ENTRIES,
    });
    return searchEntries.flatMap((entry) => contactOf(entry, settings)).slice(0, MAX_ENTRIES);
  } catch (error) {
    throw explain(error, where, settings);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

function first(entry: Entry, attribute: string): string {
  const value = entry[attribute];
  const text = Array.isArray(value) ? value[0] : value;
  return (typeof text === 'string' ? text : (text?.toString('utf8') ?? '')).trim();
}

function all(entry: Entry, attribute: string): string[] {
  const value = entry[attribute];
  return (Array.isArray(value) ? value : [value])
    .map((text) => (typeof text === 'string' ? text : (text?.toString('utf8') ?? '')).trim())
    .filter(Boolean);
}

function contactOf(entry: Entry, { attributes: map }: LdapSettings): NewContact[] {
  const name = first(entry, map.name) || first(entry, 'cn');
  if (!name) return [];
  const numbers = [
    ...all(entry, map.phone).map((number) => ({ kind: 'work' as const, number })),
    ...(map.mobile ? all(entry, map.mobile).map((number) => ({ kind: 'mobile' as const, number })) : []),
  ].filter(({ number }) => isPhoneNumber(number));
  return [
    {
      name,
      company: map.company ? first(entry, map.company) : '',
      department: map.department ? first(entry, map.department) : '',
      numbers,
    },
  ];
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

function serverOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'ldaps:' ? '636' : '389')}`;
}

function explain(error: unknown, where: string, settings: LdapSettings): LdapSourceError {
  if (error instanceof InvalidCredentialsError)
    return new LdapSourceError('authFailed', refusal('bindRefused', { where }));
  if (error instanceof NoSuchObjectError)
    return new LdapSourceError('noSuchBase', refusal('noSuchBase', { where, base: settings.baseDn }));
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  if (code === 'ECONNREFUSED') return new LdapSourceError('unreachable', refusal('serverUnreachable', { where }));
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new LdapSourceError('unreachable', refusal('unknownHost', { host: hostOf(settings.url) }));
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout|timed out/i.test(message))
    return new LdapSourceError('unreachable', refusal('serverTimedOut', { where }));
  if (/certificate|self.signed|TLS|SSL/i.test(message) || (typeof code === 'string' && code.startsWith('ERR_TLS')))
    return new LdapSourceError('tlsFailed', refusal('tlsFailed', { where, detail: message }));
  return new LdapSourceError('refused', refusal('searchRefused', { where, detail: message }));
}
