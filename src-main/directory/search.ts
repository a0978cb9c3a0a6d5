import type { Database, Statement } from 'better-sqlite3';
import type { DirectoryEntry, DirectoryPage, SourceKind } from '../../src-shared/directory-results';
import { OrderedWalk, phrase } from './search-walk';
import { digitsOf, fold, hasCjk, looksLikeNumber, numberKey } from './search-text';

/** The terms every match must have: the query's words, or its digits when it reads as a number. */
function queryTerms(query: string): string[] {
  return looksLikeNumber(query) ? [digitsOf(query)] : fold(query).split(/\s+/).filter(Boolean);
}

/**
 * The two FTS5 expressions a query becomes. Every term must match: a term of three characters or
 * more anywhere (trigrams), a shorter one at the start of a word, a short CJK one as a piece.
 * A query that reads as a number is one term of its digits, however it was punctuated.
 */
export function matchExpressions(query: string): { trigrams: string | undefined; words: string | undefined } {
  const terms = queryTerms(query);
  const long = terms.filter((term) => [...term].length >= 3);
  const short = terms.filter((term) => [...term].length < 3);
  return {
    trigrams: long.length > 0 ? long.map(phrase).join(' AND ') : undefined,
    words:
      short.length > 0
        ? short.map((term) => (hasCjk(term) ? phrase(term) : `${phrase(term)}*`)).join(' AND ')
        : undefined,
  };
}

interface ContactRow {
  id: number;
  name: string;
  company: string;
  department: string;
  extension: string | null;
  sourceKind: SourceKind;
  sourceLabel: string;
}

const CONTACT_COLUMNS = `c.id, c.name, c.company, c.department, c.extension,
  s.kind AS sourceKind, s.label AS sourceLabel`;

/** Reads the phonebook: search as the operator types, and who a number belongs to. */
export class DirectorySearch {
  private readonly numbersOf: Statement;
  private readonly byKey: Statement;
  private readonly byId: Statement;
  private readonly walk: OrderedWalk;
  private readonly cache = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    private readonly region: string,
  ) {
    this.numbersOf = db.prepare('SELECT kind, number FROM contact_numbers WHERE contact_id = ? ORDER BY rowid');
    this.byKey = db.prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
       JOIN sources s ON s.id = c.source_id WHERE n.lookup_key = ?
       ORDER BY s.kind = 'pbx' DESC, c.id LIMIT 1`,
    );
    this.byId = db.prepare(
      `SELECT ${CONTACT_COLUMNS} FROM contacts c JOIN sources s ON s.id = c.source_id WHERE c.id = ?`,
    );
    this.walk = new OrderedWalk(db);
  }

  /**
   * A page of contacts matching every term, best first: names that begin with the query, then
   * the rest, each alphabetically. `offset` pages on; `nextOffset` is absent on the last page.
   */
  search(query: string, limit: number, offset = 0): DirectoryPage {
    const terms = queryTerms(query.trim());
    if (terms.length === 0) return { entries: [] };
    const prefix = fold(query.trim());
    const walked = this.walk.firstMatches(terms, prefix, offset + limit + 1);
    const rows = walked
      ? walked.slice(offset).map((id) => this.byId.get(id) as ContactRow)
      : this.matchListed(query.trim(), prefix, limit, offset);
    const entries = rows.slice(0, limit).map((row) => this.entry(row));
    return rows.length > limit ? { entries, nextOffset: offset + limit } : { entries };
  }

  /** The same page from FTS5's match lists, for a term the ordered index cannot take (punctuation only). */
  private matchListed(query: string, prefix: string, limit: number, offset: number): ContactRow[] {
    const { trigrams, words } = matchExpressions(query);
    const filters = [
      trigrams && 'c.id IN (SELECT rowid FROM contact_trigrams WHERE contact_trigrams MATCH @trigrams)',
      words && 'c.id IN (SELECT rowid FROM contact_words WHERE contact_words MATCH @words)',
    ].filter(Boolean);
    const sql = `SELECT ${CONTACT_COLUMNS} FROM contacts c JOIN sources s ON s.id = c.source_id
      WHERE ${filters.join(' AND ')}
      ORDER BY substr(c.sort_key, 1, length(@prefix)) = @prefix DESC, c.sort_key, c.id
      LIMIT @limit OFFSET @offset`;
    return this.statement(sql).all({
      ...(trigrams && { trigrams }),
      ...(words && { words }),
      prefix,
      limit: limit + 1,
      offset,
    }) as ContactRow[];
  }

  /** The contact whose number is this one however either is written (a PBX user first), if any. */
  lookup(number: string): DirectoryEntry | undefined {
    const keys = new Set([numberKey(number, this.region), digitsOf(number)]);
    for (const key of keys) {
      if (!key) continue;
      const row = this.byKey.get(key) as ContactRow | undefined;
      if (row) return this.entry(row);
    }
    return undefined;
  }

  private entry(row: ContactRow): DirectoryEntry {
    return {
      id: row.id,
      name: row.name,
      company: row.company,
      department: row.department,
      ...(row.extension !== null && { extension: row.extension }),
      source: { kind: row.sourceKind, label: row.sourceLabel },
      numbers: this.numbersOf.all(row.id) as DirectoryEntry['numbers'],
    };
  }

  private statement(sql: string): Statement {
    let prepared = this.cache.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.cache.set(sql, prepared);
    }
    return prepared;
  }
}
