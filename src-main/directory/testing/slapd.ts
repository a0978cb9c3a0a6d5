import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const SUFFIX = 'dc=example,dc=org';
export const ADMIN_DN = `cn=admin,${SUFFIX}`;
export const ADMIN_SECRET = 'directory-admin-secret';
export const PEOPLE_DN = `ou=people,${SUFFIX}`;

const FIRST = ['Łukasz', 'Zoë', 'José', 'Søren', 'François', 'Anna', 'Mark', 'Ines', 'Björn', 'Chloé'];
const LAST = ['Wróbel', 'Ångström', 'Núñez', 'Kierkegaard', 'Dubois', 'Smith', 'Jones', 'García', 'Müller', 'Brown'];
const CHINESE = ['王小明', '李娜', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴芳'];
const KOREAN = ['김민수', '이서연', '박지훈', '최유진', '정하늘', '강민지', '조현우', '윤서아', '장도윤', '임수빈'];
const COMPANIES = ['Acme', 'Żabka Logistics', '北京贸易', '서울상사'];
const DEPARTMENTS = ['Sales', 'Dispatch', 'Finance', 'Legal', '财务', '영업'];

export interface SeededPerson {
  readonly uid: string;
  readonly name: string;
  readonly phone: string;
  readonly mobile: string | undefined;
  readonly company: string;
  readonly department: string;
}

/** 500 people: every fifth Chinese, every fifth Korean, the rest European names with accents. */
export function seededPeople(count = 500): SeededPerson[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = index % 5;
    const name =
      kind === 1
        ? `${CHINESE[index % 10]}${index}`
        : kind === 2
          ? `${KOREAN[index % 10]}${index}`
          : `${FIRST[index % 10]} ${LAST[Math.floor(index / 10) % 10]} ${index}`;
    return {
      uid: `p${index}`,
      name,
      phone: `+1 202 555 ${String(1000 + index)}`,
      mobile: index % 3 === 0 ? `+1 303 555 ${String(1000 + index)}` : undefined,
      company: COMPANIES[index % COMPANIES.length]!,
      department: DEPARTMENTS[index % DEPARTMENTS.length]!,
    };
  });
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function ldif(people: readonly SeededPerson[]): string {
  const head = `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n\ndn: ${PEOPLE_DN}\nobjectClass: organizationalUnit\nou: people\n\n`;
  return (
    head +
    people
      .map((person) =>
        [
          `dn: uid=${person.uid},${PEOPLE_DN}`,
          'objectClass: inetOrgPerson',
          `uid: ${person.uid}`,
          `cn:: ${b64(person.name)}`,
          `sn:: ${b64(person.name.split(' ').at(-2) ?? person.name)}`,
          `displayName:: ${b64(person.name)}`,
          `telephoneNumber: ${person.phone}`,
          ...(person.mobile ? [`mobile: ${person.mobile}`] : []),
          `o:: ${b64(person.company)}`,
          `ou:: ${b64(person.department)}`,
        ].join('\n'),
      )
      .join('\n\n') +
    '\n'
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`slapd did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface TestLdapServer {
  readonly url: string;
  readonly ldapsUrl: string;
  /** The self-signed certificate the server presents, for 127.0.0.1. */
  readonly caCertificate: string;
  stop(): Promise<void>;
}

/**
 * Debian's slapd on 127.0.0.1 with a throwaway configuration and database in a temporary folder,
 * listening for ldap:// (StartTLS offered) and ldaps://, seeded with `people`.
 */
export async function startTestLdapServer(people: readonly SeededPerson[]): Promise<TestLdapServer> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-slapd-'));
  await mkdir(join(dir, 'db'));
  await execFileAsync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  const config = `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile ${join(dir, 'slapd.pid')}
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCertificateFile ${join(dir, 'cert.pem')}
TLSCertificateKeyFile ${join(dir, 'key.pem')}
database mdb
maxsize 104857600
suffix "${SUFFIX}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_SECRET}
directory ${join(dir, 'db')}
`;
  await writeFile(join(dir, 'slapd.conf'), config);
  const [port, ldapsPort] = [await freePort(), await freePort()];
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  const slapd: ChildProcess = spawn(
    '/usr/sbin/slapd',
    ['-f', join(dir, 'slapd.conf'), '-h', `${url}/ ${ldapsUrl}/`, '-d', '0'],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    slapd.kill('SIGTERM');
    await new Promise((resolve) => (slapd.exitCode !== null ? resolve(null) : slapd.once('exit', resolve)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, Date.now() + 15_000);
    await writeFile(join(dir, 'seed.ldif'), ldif(people));
    await execFileAsync(
      'ldapadd',
      ['-x', '-H', url, '-D', ADMIN_DN, '-w', ADMIN_SECRET, '-f', join(dir, 'seed.ldif')],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { url, ldapsUrl, caCertificate: await readFile(join(dir, 'cert.pem'), 'utf8'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
