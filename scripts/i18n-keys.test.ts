import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORDS } from '../src-renderer/i18n';
import en from '../src-renderer/i18n/en.json' with { type: 'json' };
import { LANGUAGES } from '../src-shared/language';
import { TEXT_FIELDS, UNANSWERED_HOWS } from '../src-shared/main-said';
import { CALL_ENDED_DOINGS, PERMISSION_INTENTS, SAID_GROUPS } from '../src-shared/refusals';
import { KEYCHAIN_TROUBLES, PROFILE_SETTINGS } from '../src-shared/setting-problems';

// Every literal key the page asks for must exist, or the operator would read `login.something`.
const root = join(import.meta.dirname, '..', 'src-renderer');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function has(messages: unknown, key: string): boolean {
  let node = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('words on screen', () => {
  it('has an English text for every literal key the renderer uses', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of sources(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\$?\bt\(\s*'([A-Za-z0-9_.]+)'/g)) {
        seen += 1;
        if (!has(en, match[1]!)) missing.push(`${file.slice(root.length + 1)}: ${match[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  /** Every text by its key path: `calls.state.up` → 'Talking'. */
  function texts(messages: object, prefix = ''): Map<string, string> {
    const found = new Map<string, string>();
    for (const [key, value] of Object.entries(messages)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string') found.set(path, value);
      else for (const [inner, text] of texts(value as object, path)) found.set(inner, text);
    }
    return found;
  }
  // A plural's forms repeat a placeholder; a language without plurals writes it once.
  const placeholders = (text: string) =>
    [...new Set([...text.matchAll(/\{\s*([^}\s]+)\s*\}/g)].map((match) => match[1]))].sort();

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s has every English key, each with the same placeholders, and no empty text',
    (language) => {
      const english = texts(en);
      const translated = texts(WORDS[language]);
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      const differing = [...english].flatMap(([key, text]) => {
        const other = translated.get(key) ?? '';
        const same = JSON.stringify(placeholders(text)) === JSON.stringify(placeholders(other));
        return same && other.trim() !== '' ? [] : [`${key}: "${text}" ~ "${other}"`];
      });
      expect(differing).toEqual([]);
    },
  );

  it('says words in Chinese and Korean, not English left in place', () => {
    const english = texts(en);
    for (const [language, script] of [
      ['zh-CN', /\p{Script=Han}/u],
      ['ko', /\p{Script=Hangul}/u],
    ] as const) {
      const untranslated = [...texts(WORDS[language])].filter(
        ([key, text]) =>
          !script.test(text) && text === english.get(key) && /[a-z]{3}/.test(text.replace(/\{[^}]*\}/g, '')),
      );
      expect(untranslated.map(([key]) => `${language} ${key}`)).toEqual([]);
    }
  });

  // Main sends a reason and its values; the page looks the words up by the reason's name.
  const said = Object.entries(SAID_GROUPS).flatMap(([group, table]) =>
    Object.entries<readonly string[]>(table).map(([reason, values]) => ({ group, reason, values })),
  );

  // The values that are codes themselves, each worded from its own table.
  const CODED_VALUE_KEYS = [
    ...PERMISSION_INTENTS.map((intent) => `refusal.intent.${intent}`),
    ...CALL_ENDED_DOINGS.map((doing) => `refusal.doing.${doing}`),
    ...PROFILE_SETTINGS.map((setting) => `profileField.setting.${setting}`),
    ...KEYCHAIN_TROUBLES.map((trouble) => `profileField.keychain.${trouble}`),
    ...UNANSWERED_HOWS.map((how) => `mainSaid.how.${how}`),
    ...TEXT_FIELDS.map((field) => `mainSaid.field.${field}`),
    'mainSaid.moved.caller',
  ];

  it('has English words for every reason main may refuse with, filling in exactly the values main sends', () => {
    const english = texts(en);
    const wrong = said.flatMap(({ group, reason, values }) => {
      const text = english.get(`${group}.${reason}`);
      const same = JSON.stringify(placeholders(text ?? '')) === JSON.stringify([...values].sort());
      return text !== undefined && same ? [] : [`${group}.${reason}: "${text}" ~ {${values.join('} {')}}`];
    });
    const coded = CODED_VALUE_KEYS.filter((key) => !english.has(key));
    expect([...wrong, ...coded]).toEqual([]);
  });

  // Main sends a reason without its group: the page finds the group by the reason's name.
  it('names each reason in one group only', () => {
    const reasons = said.map(({ reason }) => reason);
    expect(reasons.filter((reason, index) => reasons.indexOf(reason) !== index)).toEqual([]);
  });

  it('has no word for a reason main no longer sends', () => {
    const known = new Set([...said.map(({ group, reason }) => `${group}.${reason}`), ...CODED_VALUE_KEYS]);
    const worded = Object.keys(SAID_GROUPS).flatMap((group) => [
      ...texts((en as Record<string, object>)[group]!, group).keys(),
    ]);
    expect(worded.filter((key) => !known.has(key))).toEqual([]);
  });
});
