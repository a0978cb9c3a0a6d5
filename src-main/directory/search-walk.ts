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

/** The search's order as three stretches of the name index: names that begin with the query, then those before it, then those after. */
const STRETCHES = ['sort_key >= @from AND sort_key < @to', 'sort_key < @from', 'sort_key >= @to'] as const;

interface StretchStatements {
  /** The matches among the stretch's first @rows names, in order, at most @count. */
  readonly matches: Statement;
  /** Whether the stretch has names beyond its first @rows: then matches later in the order may not come first. */
  readonly cutShort: Statement;
}

/**
 * Walks the contacts in the search's order (names that begin with the query, then the others,
 * each by name) and stops at the first page's worth that match: no match list is read.
 */
export class OrderedWalk {
  private readonly cache = new Map<string, readonly StretchStatements[]>();

  constructor(private readonly db: Database) {}

  /**
   * The ids of the first `count` contacts matching every term, in the search's order; undefined
   * when a stretch was cut short before the page was full, or a term needs FTS5. Fewer than `count`
   * when every stretch was read to its end.
   */
  firstMatches(terms: readonly string[], prefix: string, count: number): number[] | undefined {
    const tests = terms.map(termTest);
    const to = afterPrefix(prefix);
    if (to === undefined || !tests.every((test) => test !== undefined)) return undefined;
    const needles = Object.fromEntries(tests.map((test, index) => [`t${index}`, test.needle]));
    const ids: number[] = [];
    for (const stretch of this.statements(tests)) {
      const range = { from: prefix, to, rows: WALK_ROWS };
      ids.push(...(stretch.matches.all({ ...needles, ...range, count: count - ids.length }) as number[]));
      if (ids.length >= count) return ids;
      // The page is not full: the next stretch may only follow when this one was read to its end.
      if (stretch.cutShort.get(range) !== undefined) return undefined;
    }
    return ids;
  }

  private statements(tests: readonly TermTest[]): readonly StretchStatements[] {
    const key = tests.map((test) => test.column).join();
    let prepared = this.cache.get(key);
    if (!prepared) {
      const matches = tests.map((test, index) => `instr(${test.column}, @t${index}) > 0`).join(' AND ');
      // A subquery with LIMIT is not flattened: the stretch is read in index order, at most @rows rows.
      prepared = STRETCHES.map((range) => ({
        matches: this.db
          .prepare(
            `SELECT id FROM (SELECT id, search_text, search_words FROM contacts WHERE ${range}
             ORDER BY sort_key, id LIMIT @rows) WHERE ${matches} LIMIT @count`,
          )
          .pluck(),
        cutShort: this.db
          .prepare(`SELECT 1 FROM contacts WHERE ${range} ORDER BY sort_key, id LIMIT 1 OFFSET @rows`)
          .pluck(),
      }));
      this.cache.set(key, prepared);
    }
    return prepared;
  }
}
