import type { Database, Statement } from 'better-sqlite3';
import { END_OF_ORDER, WORD_START } from './name-order';
import { hasCjk, wordTokens } from './search-text';

/** An FTS5 string: a phrase in double quotes, a quote inside doubled. */
export const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * What one term is in `contact_grams`' text (name-order.ts): a long term anywhere, a short one at
 * the start of a word, a short CJK one as a whole word or piece. A short term that is not one word
 * (punctuation only) is left to the match lists.
 */
function termNeedle(term: string): string | undefined {
  if ([...term].length >= 3) return term;
  const [word, ...more] = wordTokens(term);
  if (word === undefined || more.length > 0) return undefined;
  return hasCjk(term) ? `${WORD_START}${word} ` : `${WORD_START}${word}`;
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

/** The search's order as three runs of name-order places: names that begin with the query, those before, those after. */
const STRETCHES = ['rowid >= @from AND rowid < @to', 'rowid < @from', 'rowid >= @to'] as const;

/**
 * Reads the trigram index in name order (its keys are places in name order), stretch by stretch,
 * and stops at the first page's worth of matches: no match list is read whole or sorted.
 */
export class OrderedWalk {
  private readonly placeFrom: Statement;
  private readonly stretches: readonly Statement[];

  constructor(db: Database) {
    this.placeFrom = db
      .prepare('SELECT name_order FROM contacts WHERE sort_key >= ? ORDER BY sort_key, id LIMIT 1')
      .pluck();
    this.stretches = STRETCHES.map((range) =>
      db
        .prepare(
          `SELECT c.id FROM (SELECT rowid AS place FROM contact_grams WHERE contact_grams MATCH @match AND ${range}
           ORDER BY rowid LIMIT @count) g JOIN contacts c ON c.name_order = g.place ORDER BY g.place`,
        )
        .pluck(),
    );
  }

  /**
   * The ids of the first `count` contacts matching every term, in the search's order (fewer on the
   * last page); undefined when a term needs the match lists.
   */
  firstMatches(terms: readonly string[], prefix: string, count: number): number[] | undefined {
    const needles = terms.map(termNeedle);
    if (!needles.every((needle) => needle !== undefined)) return undefined;
    const after = afterPrefix(prefix);
    // A bigint: FTS5 starts and stops its reading at an integer bound, but filters row by row on a real one.
    const place = (text: string | undefined) =>
      BigInt((text === undefined ? undefined : (this.placeFrom.get(text) as number | undefined)) ?? END_OF_ORDER);
    const range = { match: needles.map(phrase).join(' AND '), from: place(prefix), to: place(after) };
    const ids: number[] = [];
    for (const stretch of this.stretches) {
      if (ids.length >= count) break;
      ids.push(...(stretch.all({ ...range, count: count - ids.length }) as number[]));
    }
    return ids;
  }
}
