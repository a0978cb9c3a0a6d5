import type { ImportReport } from '../../../src-shared/directory-results';
import { refusal, type Refusal } from '../../../src-shared/refusals';
import type { NewContact } from '../contact-store';
import { isPhoneNumber } from './csv';

/**
 * The contacts of a vCard file (2.1, 3.0, 4.0). The file is one unit: a card that is not closed
 * makes the whole file unreadable; a card without a name is skipped and reported.
 */
export function contactsFromVcard(
  text: string,
): { contacts: NewContact[]; skipped: ImportReport['skipped'] } | { error: Refusal } {
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  const contacts: NewContact[] = [];
  const skipped: ImportReport['skipped'][number][] = [];
  let card: { line: number; properties: { name: string; params: string; value: string }[] } | undefined;
  for (const { line, text: content } of lines) {
    if (content.trim() === '') continue;
    const match = /^(?:[\w-]+\.)?([\w-]+)((?:;[^:]*)?):(.*)$/.exec(content);
    if (!match) return { error: refusal('notVcardLine', { line }) };
    const [, rawName = '', params = '', value = ''] = match;
    const name = rawName.toUpperCase();
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VCARD') {
      if (card) return { error: refusal('cardNotClosed', { line: card.line }) };
      card = { line, properties: [] };
    } else if (name === 'END' && value.trim().toUpperCase() === 'VCARD') {
      if (!card) return { error: refusal('cardNeverBegun', { line }) };
      const contact = contactOf(card.properties);
      if ('reason' in contact) skipped.push({ line: card.line, reason: contact.reason });
      else contacts.push(contact);
      card = undefined;
    } else if (!card) return { error: refusal('outsideAnyCard', { line }) };
    else card.properties.push({ name, params: params.toUpperCase(), value });
  }
  if (card) return { error: refusal('cardNotClosed', { line: card.line }) };
  if (contacts.length === 0 && skipped.length === 0) return { error: refusal('noCards', {}) };
  return { contacts, skipped };
}

/** A line that starts with a space or tab continues the one before (RFC 6350 §3.2). */
function unfold(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((content, index) => {
    const last = result.at(-1);
    if (last && /^[ \t]/.test(content)) last.text += content.slice(1);
    else result.push({ line: index + 1, text: content });
  });
  return result;
}

function unescape(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, char: string) => (char.toLowerCase() === 'n' ? ' ' : char));
}

/** Splits on `;` not preceded by a backslash. */
function components(value: string): string[] {
  return value.split(/(?<!\\);/).map((part) => unescape(part).trim());
}

function contactOf(properties: { name: string; params: string; value: string }[]): NewContact | { reason: Refusal } {
  const get = (name: string) => properties.find((property) => property.name === name);
  const formatted = unescape(get('FN')?.value ?? '').trim();
  const [family = '', given = ''] = components(get('N')?.value ?? '');
  const [company = '', department = ''] = components(get('ORG')?.value ?? '');
  const name = formatted || [given, family].filter(Boolean).join(' ') || company;
  if (!name) return { reason: refusal('cardHasNoName', {}) };
  const numbers: NewContact['numbers'][number][] = [];
  for (const property of properties.filter((candidate) => candidate.name === 'TEL')) {
    const number = property.value.replace(/^tel:/i, '').trim();
    if (!isPhoneNumber(number)) return { reason: refusal('notPhoneNumber', { number }) };
    numbers.push({ kind: /CELL|MOBILE/.test(property.params) ? 'mobile' : 'work', number });
  }
  return { name, company, department, numbers };
}
