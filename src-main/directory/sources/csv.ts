import type { CsvMapping, CsvPreview, ImportReport } from '../../../src-shared/directory-results';
import { refusal, type Refusal } from '../../../src-shared/refusals';
import type { NewContact } from '../contact-store';
import { digitsOf } from '../search-text';

const MAX_FIELD = 200;

/** Rows of fields (RFC 4180: quotes, doubled quotes, line breaks inside quotes), with the line each starts on. */
export function parseCsv(text: string): { rows: { line: number; fields: string[] }[]; error?: Refusal } {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[index + 1] === '\n') index++;
      fields.push(field);
      if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += char;
  }
  if (quoted) return { rows, error: refusal('csvQuoteNeverEnds', { line: rowLine }) };
  fields.push(field);
  if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
  return { rows };
}

function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/));
  const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

const GUESSES: Record<keyof CsvMapping, RegExp> = {
  name: /^(full ?name|display ?name|name|nom|nazwa|姓名|이름)$/i,
  firstName: /^(first ?name|given ?name|prénom|imię)$/i,
  lastName: /^(last ?name|surname|family ?name|nom de famille|nazwisko)$/i,
  company: /^(company|organi[sz]ation|firma|société|公司|회사)$/i,
  department: /^(department|dept|division|service|dział|部门|부서)$/i,
  phone: /^(phone|telephone|work ?phone|business ?phone|tel|téléphone|telefon|电话|전화)$/i,
  mobile: /^(mobile|cell|mobile ?phone|cell ?phone|portable|komórka|手机|휴대폰)$/i,
};

/** The header, the mapping guessed from its names, and how many rows follow. */
export function previewCsv(text: string): CsvPreview | { error: Refusal } {
  const { rows, error } = parseCsv(text);
  if (error) return { error };
  const header = rows[0];
  if (!header) return { error: refusal('fileEmpty', {}) };
  const columns = header.fields.map((field) => field.trim());
  const suggested: CsvMapping = {};
  for (const [key, pattern] of Object.entries(GUESSES) as [keyof CsvMapping, RegExp][]) {
    const found = columns.findIndex((column) => pattern.test(column));
    if (found >= 0) suggested[key] = found;
  }
  return { columns, suggested, rows: rows.length - 1 };
}

/** The contacts of a CSV file under a mapping, and every row left out with its reason. */
export function contactsFromCsv(
  text: string,
  mapping: CsvMapping,
): { contacts: NewContact[]; skipped: ImportReport['skipped'] } | { error: Refusal } {
  const { rows, error } = parseCsv(text);
  if (error) return { error };
  const [header, ...body] = rows;
  if (!header) return { error: refusal('fileEmpty', {}) };
  if (mapping.name === undefined && mapping.firstName === undefined && mapping.lastName === undefined)
    return { error: refusal('chooseNameColumn', {}) };
  const width = header.fields.length;
  const contacts: NewContact[] = [];
  const skipped: ImportReport['skipped'][number][] = [];
  for (const { line, fields } of body) {
    const cell = (key: keyof CsvMapping) => {
      const column = mapping[key];
      return column === undefined ? '' : (fields[column] ?? '').trim();
    };
    if (fields.length !== width) {
      skipped.push({ line, reason: refusal('wrongFieldCount', { fields: fields.length, width }) });
      continue;
    }
    const name = cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
    if (!name) {
      skipped.push({ line, reason: refusal('rowHasNoName', {}) });
      continue;
    }
    const tooLong = (['name', 'company', 'department', 'phone', 'mobile'] as const).find(
      (key) => cell(key).length > MAX_FIELD,
    );
    if (tooLong || name.length > MAX_FIELD) {
      skipped.push({ line, reason: refusal('fieldTooLong', { max: MAX_FIELD }) });
      continue;
    }
    const badNumber = [cell('phone'), cell('mobile')].find((number) => number !== '' && !isPhoneNumber(number));
    if (badNumber !== undefined) {
      skipped.push({ line, reason: refusal('notPhoneNumber', { number: badNumber }) });
      continue;
    }
    contacts.push({
      name,
      company: cell('company'),
      department: cell('department'),
      numbers: [
        ...(cell('phone') ? [{ kind: 'work' as const, number: cell('phone') }] : []),
        ...(cell('mobile') ? [{ kind: 'mobile' as const, number: cell('mobile') }] : []),
      ],
    });
  }
  return { contacts, skipped };
}

/** Digits with the punctuation numbers are written with, and at least two digits. */
export function isPhoneNumber(text: string): boolean {
  return /^[+\d\s().\-/]+$/.test(text) && digitsOf(text).length >= 2 && digitsOf(text).length <= 20;
}
