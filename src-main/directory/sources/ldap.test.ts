import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LdapSettings } from '../../../src-shared/directory-results';
import {
  ADMIN_DN,
  ADMIN_SECRET,
  PEOPLE_DN,
  seededPeople,
  startTestLdapServer,
  type TestLdapServer,
} from '../testing/slapd';
import { fetchLdapContacts, LdapSourceError } from './ldap';

const people = seededPeople(500);
let server: TestLdapServer;
beforeAll(async () => {
  server = await startTestLdapServer(people);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const settings = (overrides: Partial<LdapSettings> = {}): LdapSettings => ({
  url: server.url,
  security: 'none',
  bindDn: ADMIN_DN,
  baseDn: PEOPLE_DN,
  filter: '(objectClass=inetOrgPerson)',
  attributes: { name: 'displayName', phone: 'telephoneNumber', mobile: 'mobile', company: 'o', department: 'ou' },
  ...overrides,
});

describe('an LDAP source against a real slapd', () => {
  it('reads all 500 people with accented, Chinese and Korean names, their numbers, company and department', async () => {
    const contacts = await fetchLdapContacts(settings(), ADMIN_SECRET);
    expect(contacts).toHaveLength(500);
    const byName = new Map(contacts.map((contact) => [contact.name, contact]));
    expect(byName.get('Łukasz Wróbel 0')).toEqual({
      name: 'Łukasz Wróbel 0',
      company: 'Acme',
      department: 'Sales',
      numbers: [
        { kind: 'work', number: '+1 202 555 1000' },
        { kind: 'mobile', number: '+1 303 555 1000' },
      ],
    });
    const [chinese, korean] = [people[6]!, people[2]!];
    expect(chinese.name).toBe('赵磊6');
    expect(byName.get('赵磊6')).toMatchObject({ company: chinese.company, department: chinese.department });
    expect(korean.name).toBe('박지훈2');
    expect(byName.get('박지훈2')?.numbers).toEqual([{ kind: 'work', number: '+1 202 555 1002' }]);
  });

  it('narrows to what the filter selects, with the attribute map chosen', async () => {
    const contacts = await fetchLdapContacts(
      settings({ filter: '(o=Acme)', attributes: { name: 'cn', phone: 'mobile' } }),
      ADMIN_SECRET,
    );
    expect(contacts).toHaveLength(125);
    expect(contacts.every((contact) => contact.numbers.every((number) => number.number.startsWith('+1 303')))).toBe(
      true,
    );
  });

  it('reads over StartTLS and over LDAPS with the server’s certificate', async () => {
    const tls = { caCertificate: server.caCertificate };
    expect(await fetchLdapContacts(settings({ security: 'starttls', ...tls }), ADMIN_SECRET)).toHaveLength(500);
    expect(
      await fetchLdapContacts(settings({ security: 'ldaps', url: server.ldapsUrl, ...tls }), ADMIN_SECRET),
    ).toHaveLength(500);
  });

  it('says the sign-in was refused when the bind secret is wrong', async () => {
    const failure = fetchLdapContacts(settings(), 'not the secret');
    await expect(failure).rejects.toBeInstanceOf(LdapSourceError);
    await expect(failure).rejects.toMatchObject({
      code: 'authFailed',
      said: { reason: 'bindRefused', values: { where: new URL(server.url).host } },
      message: `The directory server at ${new URL(server.url).host} refused the sign-in: the bind name or password is wrong.`,
    });
  });

  it('says nothing answers when the server is unreachable', async () => {
    const failure = fetchLdapContacts(settings({ url: 'ldap://127.0.0.1:9' }), ADMIN_SECRET);
    await expect(failure).rejects.toMatchObject({
      code: 'unreachable',
      said: { reason: 'serverUnreachable', values: { where: '127.0.0.1:9' } },
      message: 'Nothing answers at 127.0.0.1:9: the directory server is not reachable.',
    });
  });

  it('refuses a certificate it was not told to trust', async () => {
    await expect(fetchLdapContacts(settings({ security: 'starttls' }), ADMIN_SECRET)).rejects.toMatchObject({
      code: 'tlsFailed',
    });
  });
});
