import type { Database, Statement } from 'better-sqlite3';
import { hasCjk, wordTokens } from './search-text';

/**
 * Rows of each stretch of the name order the walk reads before it leaves the query to FTS5: a term
 * that many names share fills a page within a few hundred rows; a rare one is FTS5's, whose match
 * lists are then short.
 */
const WALK_ROWS = 3_000;

/** One term's test on a row, as FTS5 would answer it: a needle in one of the contact's two search columns. */
interface TermTest {
  readonly column: 'search_text' | 'search_words';
  readonly needle: string;
}

/**
 * A long term is found anywhere (as the trigrams find it), a short one at the start of a word, a
 * short CJK one as a whole word or piece. A short term that is not one word (punctuation only) is
 * left to FTS5.
 */
function termTest(term: string): TermTest | undefined {
  if ([...term].length >= 3) return { column: 'search_text', needle: term };
  const [word, ...more] = wordTokens(term);
  if (word === undefined || more.length > 0) return undefined;
  return { column: 'search_words', needle: hasCjk(term) ? ` ${word} ` : ` ${word}` };
}

/** The first text after every text that begins with `prefix`, in SQLite's binary (code point) order. */
export function afterPrefix(prefix: string): string | undefined {
  const chars = [...prefix];
  for (let last = chars.pop(); last !== undefined; last = chars.pop()) {
    const code = last.codePointAt(0)!;
    if (code < 0x10ffff) return chars.join('') + String.fromCodePoint(code === 0xd7ff ? 0xe000 : code + 1);
  }
  return undefined;
}

/**
 * Walks the contacts in the search's order (names that begin with the query, then the others,
 * each by name) and stops at the first page's worth that match: no match list is read.
 */
export class OrderedWalk {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  /**
   * The ids of the first `count` contacts matching every term, in the search's order; undefined
   * when a stretch ran out of rows first or a term needs FTS5.
   */
  firstMatches(terms: readonly string[], prefix: string, count: number): number[] | undefined {
    const tests = terms.map(termTest);
    const to = afterPrefix(prefix);
    if (to === undefined || !tests.every((test) => test !== undefined)) return undefined;
    const ids = this.statement(tests).all({
      ...Object.fromEntries(tests.map((test, index) => [`t${index}`, test.needle])),
      from: prefix,
      to,
      rows: WALK_ROWS,
      count,
    }) as number[];
    return ids.length >= count ? ids : undefined;
  }

  private statement(tests: readonly TermTest[]): Statement {
    const key = tests.map((test) => test.column).join();
    let prepared = this.cache.get(key);
    if (!prepared) {
      const matches = tests.map((test, index) => `instr(${test.column}, @t${index}) > 0`).join(' AND ');
      // A subquery with LIMIT is not flattened: each stretch is read in index order, at most @rows rows.
      const stretch = (range: string) =>
        `SELECT id FROM (SELECT id, search_text, search_words FROM contacts WHERE ${range}
         ORDER BY sort_key, id LIMIT @rows) WHERE ${matches}`;
      prepared = this.db
        .prepare(
          [
            stretch('sort_key >= @from AND sort_key < @to'),
            stretch('sort_key < @from'),
            stretch('sort_key >= @to'),
          ].join(' UNION ALL ') + ' LIMIT @count',
        )
        .pluck();
      this.cache.set(key, prepared);
    }
    return prepared;
  }
}
