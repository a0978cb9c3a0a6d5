import { parsePhoneNumber } from 'awesome-phonenumber';

/** Letters that carry no combining mark in Unicode, so NFKD alone does not take them to Latin. */
const UNMARKED_LETTERS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

const CJK_RUN = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/** Case and accents ignored: "Łukasz WRÓBEL" and "lukasz wrobel" fold to the same text. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[łøđðħıßæœþ]/g, (letter) => UNMARKED_LETTERS[letter] ?? letter);
}

/**
 * Every one- and two-character piece of the CJK runs in `text`, as words: a Chinese or Korean name
 * is two or three characters, shorter than the three a trigram needs, and has no spaces to start a word.
 */
export function cjkGrams(text: string): string[] {
  const grams: string[] = [];
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run];
    chars.forEach((char, index) => {
      grams.push(char);
      if (index + 1 < chars.length) grams.push(char + chars[index + 1]);
    });
  }
  return grams;
}

/** What FTS5's unicode61 tokenizer takes for a word: a run of letters, numbers and private-use characters. */
const WORD_TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(WORD_TOKEN) ?? [];
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * The key two spellings of one number share: E.164 digits when the number is possible in `region`
 * ("+1 (202) 555-0143" and "2025550143" in US both give 12025550143), else its digits (an extension).
 */
export function numberKey(number: string, region: string): string {
  // An extension is its digits; parsing (a third of a millisecond) is for numbers that can be dialled out.
  if (!number.includes('+') && digitsOf(number).length < 7) return digitsOf(number);
  const parsed = parsePhoneNumber(number.trim(), { regionCode: region });
  const e164 = parsed.possible ? parsed.number?.e164 : undefined;
  if (e164) return digitsOf(e164);
  return digitsOf(number);
}

/** What a person may type inside a phone number besides digits. */
const PHONE_TYPING = /^[+\d\s().\-/]+$/;
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** True when the query reads as (part of) a phone number: digits and the punctuation people type in them. */
export function looksLikeNumber(query: string): boolean {
  return PHONE_TYPING.test(query) && /\d/.test(query);
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
