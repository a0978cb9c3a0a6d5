import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileDirectory } from './profile-directory';
import { matchExpressions } from './search';
import { cjkGrams, digitsOf, fold, hasCjk, looksLikeNumber, wordTokens } from './search-text';

/** The page a full scan gives: every match FTS5 lists, then ordered as the search orders. */
function listedNames(db: Database, query: string, limit: number, offset: number): string[] {
  const { trigrams, words } = matchExpressions(query.trim());
  const filters = [
    trigrams && 'id IN (SELECT rowid FROM contact_trigrams WHERE contact_trigrams MATCH @trigrams)',
    words && 'id IN (SELECT rowid FROM contact_words WHERE contact_words MATCH @words)',
  ].filter(Boolean);
  return db
    .prepare(
      `SELECT name FROM contacts WHERE ${filters.join(' AND ')}
       ORDER BY substr(sort_key, 1, length(@prefix)) = @prefix DESC, sort_key, id LIMIT @limit OFFSET @offset`,
    )
    .pluck()
    .all({
      ...(trigrams && { trigrams }),
      ...(words && { words }),
      prefix: fold(query.trim()),
      limit,
      offset,
    }) as string[];
}

/**
 * The page a naive scan gives: every contact read and tested in JavaScript (a long term anywhere in
 * its folded words or digits, a short one at the start of a word, a short CJK one as a word or piece).
 */
function scannedNames(db: Database, query: string, limit: number, offset: number): string[] {
  const typed = query.trim();
  const terms = looksLikeNumber(typed) ? [digitsOf(typed)] : fold(typed).split(/\s+/).filter(Boolean);
  const prefix = fold(typed);
  const contacts = db.prepare('SELECT id, name, company, department FROM contacts').all() as {
    id: number;
    name: string;
    company: string;
    department: string;
  }[];
  const numbers = db.prepare('SELECT number, lookup_key AS key FROM contact_numbers WHERE contact_id = ?');
  const matching = contacts.filter((contact) => {
    const words = [contact.name, contact.company, contact.department].map(fold).join('\n');
    const digits = (numbers.all(contact.id) as { number: string; key: string }[]).flatMap(({ number, key }) => [
      digitsOf(number),
      key,
    ]);
    const text = [words, ...digits].join('\n');
    const tokens = [...wordTokens(words), ...cjkGrams(words), ...digits.filter(Boolean)];
    return terms.every((term) => {
      if ([...term].length >= 3) return text.includes(term);
      const [word, ...more] = wordTokens(term);
      if (word === undefined || more.length > 0) return false;
      return tokens.some((token) => (hasCjk(term) ? token === word : token.startsWith(word)));
    });
  });
  const begins = (contact: { name: string }) => fold(contact.name).startsWith(prefix);
  const byName = (a: { name: string; id: number }, b: { name: string; id: number }) => {
    const [x, y] = [fold(a.name), fold(b.name)];
    return x < y ? -1 : x > y ? 1 : a.id - b.id;
  };
  return [...matching.filter(begins).sort(byName), ...matching.filter((contact) => !begins(contact)).sort(byName)]
    .slice(offset, offset + limit)
    .map((contact) => contact.name);
}

/** A phonebook in a fresh folder for the describe block that asks for it, filled before its tests and removed after. */
function phonebookWith(fill: (phonebook: ProfileDirectory) => void): () => ProfileDirectory {
  let folder: string;
  let phonebook: ProfileDirectory;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'switchboard-search-'));
    phonebook = new ProfileDirectory(folder, 'office', 'US');
    fill(phonebook);
  });
  afterAll(async () => {
    phonebook.close();
    await rm(folder, { recursive: true, force: true });
  });
  return () => phonebook;
}

let userDataDir: string;
let directory: ProfileDirectory;
beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-search-'));
  directory = new ProfileDirectory(userDataDir, 'office', 'US');
  const staff = directory.contacts.addSource('csv', 'staff.csv');
  directory.contacts.replaceContacts(staff, [
    {
      name: 'Łukasz Wróbel',
      company: 'Żabka Logistics',
      department: 'Dispatch',
      numbers: [{ kind: 'work', number: '+1 (202) 555-0143' }],
    },
    { name: 'Lucy Park', company: 'Acme', department: 'Sales', numbers: [{ kind: 'mobile', number: '202 555 0199' }] },
    {
      name: '王小明',
      company: '北京贸易',
      department: '财务',
      numbers: [{ kind: 'work', number: '+86 10 6552 9988' }],
    },
    { name: '김민수', company: '서울상사', department: '영업', numbers: [{ kind: 'work', number: '+82 2 312 3456' }] },
    { name: 'Zoë Ångström', company: 'Acme', department: 'Legal', numbers: [] },
  ]);
  const pbx = directory.contacts.addSource('pbx', 'The PBX');
  directory.contacts.replaceContacts(pbx, [
    { name: 'Reception', extension: '201', numbers: [{ kind: 'extension', number: '201' }] },
  ]);
});
afterAll(async () => {
  directory.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const names = (query: string) => directory.search.search(query, 20).entries.map((entry) => entry.name);

describe('searching the phonebook as the operator types', () => {
  it('finds any part of a name with accents and case ignored', () => {
    expect(names('lukasz')).toEqual(['Łukasz Wróbel']);
    expect(names('KASZ')).toEqual(['Łukasz Wróbel']);
    expect(names('wrob')).toEqual(['Łukasz Wróbel']);
    expect(names('angstr')).toEqual(['Zoë Ångström']);
    expect(names('zoe')).toEqual(['Zoë Ångström']);
  });

  it('finds a word by its first letters, names that begin with them first', () => {
    expect(names('lu')).toEqual(['Lucy Park', 'Łukasz Wróbel']);
    expect(names('lu wr')).toEqual(['Łukasz Wróbel']);
  });

  it('finds Chinese and Korean names by any part, even one or two characters', () => {
    expect(names('小明')).toEqual(['王小明']);
    expect(names('王')).toEqual(['王小明']);
    expect(names('민수')).toEqual(['김민수']);
    expect(names('김민수')).toEqual(['김민수']);
  });

  it('finds a number however it is written, and by a fragment', () => {
    for (const typed of ['+1 (202) 555-0143', '2025550143', '0143', '202-555-0143'])
      expect(names(typed), typed).toEqual(['Łukasz Wróbel']);
    expect(names('555')).toEqual(['Lucy Park', 'Łukasz Wróbel']);
  });

  it('finds company and department', () => {
    expect(names('acme')).toEqual(['Lucy Park', 'Zoë Ångström']);
    expect(names('zabka')).toEqual(['Łukasz Wróbel']);
    expect(names('dispatch')).toEqual(['Łukasz Wróbel']);
    expect(names('贸易')).toEqual(['王小明']);
  });

  it('tells each entry’s source, and a PBX user’s extension for its lamp', () => {
    const [reception] = directory.search.search('recep', 5).entries;
    expect(reception).toMatchObject({ extension: '201', source: { kind: 'pbx', label: 'The PBX' } });
    expect(directory.search.search('lucy', 5).entries[0]).toMatchObject({
      source: { kind: 'csv', label: 'staff.csv' },
      numbers: [{ kind: 'mobile', number: '202 555 0199' }],
    });
  });

  it('pages through results', () => {
    const first = directory.search.search('acme', 1);
    expect(first.entries.map((entry) => entry.name)).toEqual(['Lucy Park']);
    expect(first.nextOffset).toBe(1);
    const rest = directory.search.search('acme', 20, first.nextOffset);
    expect(rest.entries.map((entry) => entry.name)).toEqual(['Zoë Ångström']);
    expect(rest.nextOffset).toBeUndefined();
  });

  it('takes quotes and FTS syntax as plain text', () => {
    expect(names('"lukasz" OR *')).toEqual([]);
    expect(names('NEAR(')).toEqual([]);
  });
});

describe('who is calling', () => {
  it('names a caller whose number the PBX sends only as digits', () => {
    expect(directory.search.lookup('12025550143')).toMatchObject({ name: 'Łukasz Wróbel', company: 'Żabka Logistics' });
    expect(directory.search.lookup('2025550143')?.name).toBe('Łukasz Wróbel');
    expect(directory.search.lookup('+12025550143')?.name).toBe('Łukasz Wróbel');
    expect(directory.search.lookup('201')?.name).toBe('Reception');
    expect(directory.search.lookup('2025550100')).toBeUndefined();
  });
});

describe('the ordered walk and the match lists', () => {
  const FIRST = ['Łukasz', 'Zoë', 'José', 'Anna-Lena', "O'Brien", 'Ines', 'Björn', 'Chloé', 'Maria', 'Ana'];
  const LAST = ['Wróbel', 'Ångström', 'Núñez', 'Smith', 'García', 'Müller', 'de la Cruz'];
  const CJK = ['王小明', '李娜', '张伟', '김민수', '이서연'];
  const many = phonebookWith((phonebook) => {
    phonebook.contacts.replaceContacts(
      phonebook.contacts.addSource('csv', 'many.csv'),
      Array.from({ length: 1_500 }, (_, index) => ({
        name:
          index % 5 === 0
            ? `${CJK[index % CJK.length]}${index % 3 === 0 ? '' : index}`
            : `${FIRST[index % FIRST.length]} ${LAST[index % LAST.length]}${index % 4 === 0 ? '' : ` ${index}`}`,
        company: ['Acme', 'Żabka Logistics', '北京贸易', ''][index % 4],
        department: `Dept ${index % 9}`,
        numbers: [
          { kind: 'work' as const, number: `+1 (${200 + (index % 30)}) 555-${String(index).padStart(4, '0')}` },
        ],
      })),
    );
  });

  const listed = (query: string, limit: number, offset: number) => listedNames(many().db, query, limit, offset);

  it('gives the page a naive scan of every contact gives', () => {
    const queries = ['an', 'ana', 'lu', 'kasz', 'o', "o'b", 'de la', 'cruz', 'wr', 'nun', '王', '小明', '민수', '贸易'];
    queries.push(
      'acme',
      'dept 3',
      '555',
      '0143',
      '(201) 555',
      '+1 203',
      '12',
      '7',
      'zoe ang',
      'maria müller',
      'ö',
      'x',
    );
    let compared = 0;
    for (const query of queries)
      for (const [limit, offset] of [
        [20, 0],
        [7, 30],
      ] as const) {
        const expected = scannedNames(many().db, query, limit, offset);
        expect(
          many()
            .search.search(query, limit, offset)
            .entries.map((entry) => entry.name),
          `${query} ${limit}@${offset}`,
        ).toEqual(expected);
        compared += expected.length;
      }
    expect(compared).toBeGreaterThan(500);
  });

  it('gives the page FTS5 gives, for common and rare terms, at any offset', () => {
    const queries = ['an', 'ana', 'Anna', 'lu', 'kasz', 'o', "o'b", 'de la', 'la cr', 'cruz', 'wr', 'nun'];
    queries.push('王', '小明', '김', '민수', '贸易', 'acme', 'zab', 'dept 3', '555', '0143', '(201) 555', '12', '7');
    queries.push('zoe ang', 'ines 1', 'maria müller', 'LENA', 'ö', '--', 'x');
    let compared = 0;
    for (const query of queries)
      for (const [limit, offset] of [
        [1, 0],
        [5, 3],
        [20, 0],
        [20, 40],
      ] as const) {
        const page = many().search.search(query, limit, offset);
        const expected = listed(query, limit + 1, offset);
        expect(
          page.entries.map((entry) => entry.name),
          `${query} ${limit}@${offset}`,
        ).toEqual(expected.slice(0, limit));
        expect(page.nextOffset, `${query} ${limit}@${offset}`).toBe(
          expected.length > limit ? offset + limit : undefined,
        );
        compared += expected.length;
      }
    expect(compared).toBeGreaterThan(1_000);
  });
});

describe('a stretch of the name order longer than 3,000 names', () => {
  const long = phonebookWith((phonebook) => {
    const named = (count: number, name: (index: number) => string) =>
      Array.from({ length: count }, (_, index) => ({ name: name(index), numbers: [] }));
    phonebook.contacts.replaceContacts(phonebook.contacts.addSource('csv', 'long.csv'), [
      // Before "ma smith" in name order: 3,500 names that do not match, then the best-placed matches.
      ...named(3_500, (index) => `Anna Brown ${index}`),
      ...named(5, (index) => `Ma Anna Smith ${index}`),
      // After it: matches enough for a page.
      ...named(40, (index) => `Maria Smith ${index}`),
    ]);
  });

  it('keeps the order a full scan gives when the best-placed matches lie past the 3,000th name', () => {
    const scanned = listedNames(long().db, 'ma smith', 45, 0);
    expect(scanned.slice(0, 6)).toEqual([...[0, 1, 2, 3, 4].map((index) => `Ma Anna Smith ${index}`), 'Maria Smith 0']);
    for (const [limit, offset] of [
      [20, 0],
      [3, 4],
    ] as const)
      expect(
        long()
          .search.search('ma smith', limit, offset)
          .entries.map((entry) => entry.name),
      ).toEqual(scanned.slice(offset, offset + limit));
  });
});

describe('the name order as imports fill the gaps between names', () => {
  const gaps = phonebookWith((phonebook) => {
    phonebook.contacts.replaceContacts(phonebook.contacts.addSource('csv', 'ends.csv'), [
      { name: 'Anna Smith', numbers: [] },
      { name: 'Anna Smyth', numbers: [] },
    ]);
    // Each import lands just after the last, between it and "Anna Smyth": the gap halves until no number is left in it.
    for (let index = 1; index <= 40; index++)
      phonebook.contacts.replaceContacts(phonebook.contacts.addSource('csv', `one-${index}.csv`), [
        { name: `Anna Smith${'z'.repeat(index)}`, numbers: [] },
      ]);
  });

  it('still gives every name in order', () => {
    for (const query of ['anna', 'smi', 'zzz', 'sm', 'a'])
      expect(
        gaps()
          .search.search(query, 50)
          .entries.map((entry) => entry.name),
        query,
      ).toEqual(scannedNames(gaps().db, query, 50, 0));
    expect(gaps().search.search('anna', 50).entries).toHaveLength(42);
  });
});
