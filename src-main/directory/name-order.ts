import type { Database } from 'better-sqlite3';

/**
 * Each contact's place in name order (`contacts.name_order`): numbers that grow with (sort_key, id),
 * spaced apart so a new contact takes a number between its neighbours' and no other moves. The
 * trigram index `contact_grams` is keyed by these places, so its matches come out in name order
 * and a search stops at the first page instead of sorting every match.
 */
// Wide enough for runs of a thousand new names between two old ones; narrow enough that the index's
// rowid deltas stay two-byte varints (spaced 2^32 apart, the index was four times the size).
const SPACING = 2 ** 10;
/** Places stay integers a double holds exactly (SQLite's rowid goes further, JavaScript's number does not). */
const LAST_PLACE = Number.MAX_SAFE_INTEGER;
/** A bound after every place. */
export const END_OF_ORDER = LAST_PLACE + 1;

/**
 * What `contact_grams` holds for a contact: its search text, then its words each after two spaces,
 * so that a word's start is a trigram ("  l" for "l…", "  lu" for "lu…") and a short term needs no
 * second index. A term with no space in it finds in the words nothing the text does not hold.
 */
const GRAMS_TEXT = `search_text || char(10) || replace(search_words, ' ', '  ')`;
/** What comes before a word in `contact_grams`' text. */
export const WORD_START = '  ';

/**
 * Places for contacts in name order, given the places some already have (null for the new ones):
 * each run of new contacts spread evenly in the gap its neighbours leave. Undefined when a gap is
 * too narrow: then every contact takes a new place.
 */
export function placesBetween(current: readonly (number | null)[]): number[] | undefined {
  const places: number[] = [];
  let index = 0;
  while (index < current.length) {
    const known = current[index];
    if (known !== null && known !== undefined) {
      places.push(known);
      index++;
      continue;
    }
    let end = index;
    while (end < current.length && current[end] === null) end++;
    const before = places.at(-1) ?? 0;
    const next = current[end];
    const count = end - index;
    const step =
      next === undefined || next === null
        ? Math.min(SPACING, Math.floor((LAST_PLACE - before) / count))
        : Math.floor((next - before) / (count + 1));
    if (step < 1) return undefined;
    for (let place = 1; place <= count; place++) places.push(before + step * place);
    index = end;
  }
  return places;
}

/** Gives every contact without a place one (renumbering all when there is no room) and indexes it. */
export function placeInNameOrder(db: Database): void {
  const rows = db.prepare('SELECT id, name_order AS place FROM contacts ORDER BY sort_key, id').all() as {
    id: number;
    place: number | null;
  }[];
  let places = placesBetween(rows.map((row) => row.place));
  if (!places) {
    db.exec("UPDATE contacts SET name_order = NULL; INSERT INTO contact_grams (contact_grams) VALUES ('delete-all')");
    rows.forEach((row) => (row.place = null));
    const spacing = Math.min(SPACING, Math.floor(LAST_PLACE / (rows.length + 1)));
    places = rows.map((_, index) => (index + 1) * spacing);
  }
  const setPlace = db.prepare('UPDATE contacts SET name_order = ? WHERE id = ?');
  const index = db.prepare(
    `INSERT INTO contact_grams (rowid, text) SELECT name_order, ${GRAMS_TEXT} FROM contacts WHERE id = ?`,
  );
  rows.forEach((row, at) => {
    if (row.place !== null) return;
    setPlace.run(places[at], row.id);
    index.run(row.id);
  });
}

/** Takes contacts out of `contact_grams`, before their rows are deleted. */
export function unplace(db: Database, ids: readonly number[]): void {
  const drop = db.prepare('DELETE FROM contact_grams WHERE rowid = (SELECT name_order FROM contacts WHERE id = ?)');
  for (const id of ids) drop.run(id);
}
