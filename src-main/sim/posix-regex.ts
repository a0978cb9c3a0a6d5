/** The POSIX bracket classes a filter may use, as JavaScript writes them inside brackets. */
const BRACKET_CLASSES: Readonly<Record<string, string>> = {
  space: '\\s',
  digit: '0-9',
  alpha: 'A-Za-z',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
};

/**
 * A manager filter as Asterisk compiles it (regcomp, POSIX extended), as a JavaScript RegExp:
 * ERE and JavaScript agree on what filters use (anchors, alternation, groups) except the bracket
 * classes such as `[[:space:]]`, which JavaScript would read as a set of letters.
 */
export function posixExtendedRegExp(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\[:(\w+):\]/g, (whole, name: string) => BRACKET_CLASSES[name] ?? whole));
}
