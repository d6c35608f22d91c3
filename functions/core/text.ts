/**
 * Text and dates as users type them. Control characters (other than tab, line feed and carriage return) and
 * the bidi embeddings, overrides and isolates, which can make stored text read differently from what it is,
 * are refused with the pointer of the text: never stripped, since nothing a user types is silently changed.
 * Pure; also runs in the browser.
 */
import type { ErrorDetail } from './errors.ts';
import { encodeToken } from './json-pointer.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u;

/** Whether a text holds no forbidden character. */
export const isCleanText = (s: string): boolean => !FORBIDDEN.test(s);

/**
 * Every string in a JSON value (property names included) that holds a forbidden character, as error
 * details; the walk is iterative, so deep input cannot exhaust the stack.
 */
export function textIssues(value: unknown, base = ''): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const message = 'contains a control or bidi formatting character';
  const stack: Array<[unknown, string]> = [[value, base]];
  while (stack.length && issues.length < 20) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      if (!isCleanText(node))
        issues.push({ pointer: pointer || '/', message, code: 'text.forbidden_character' });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${pointer}/${i}`]);
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const here = `${pointer}/${encodeToken(key)}`;
        if (!isCleanText(key)) issues.push({ pointer: here, message, code: 'text.forbidden_character' });
        stack.push([child, here]);
      }
    }
  }
  return issues;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (no 30 February, no month 13) within the years 1900 to 2199. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
