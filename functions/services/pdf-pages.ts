/**
 * The number of pages of a PDF, read from the file: the largest `/Count` of a page-tree node (`/Type /Pages`),
 * else the number of page objects (`/Type /Page`), in the file's own text and in its compressed object streams
 * (PDF 1.5+ keeps dictionaries there). Enough to hold a narrative report ("Sachbericht") to its page limit; not a
 * PDF parser. `undefined` when no page is found at all.
 */
import { inflateSync } from 'node:zlib';

const PAGES_COUNT = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g;
const PAGE = /\/Type\s*\/Page(?![A-Za-z])/g;
const STREAM = /\/FlateDecode[^>]*>>\s*stream\r?\n/g;
/** Inflated text read at most (a bomb of an object stream stops here). */
const MAX_INFLATED = 20 * 1024 * 1024;

function texts(content: Uint8Array): string[] {
  const raw = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const latin = raw.toString('latin1');
  const out = [latin];
  let total = 0;
  for (const match of latin.matchAll(STREAM)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = latin.indexOf('endstream', start);
    if (end < 0) continue;
    try {
      const inflated = inflateSync(raw.subarray(start, end), { maxOutputLength: MAX_INFLATED });
      total += inflated.byteLength;
      if (total > MAX_INFLATED) break;
      const text = inflated.toString('latin1');
      // Only object streams hold dictionaries; page content streams are skipped.
      if (text.includes('/Type')) out.push(text);
    } catch {
      // Not a deflate stream we can read (or truncated): its dictionaries stay uncounted.
    }
  }
  return out;
}

export function pdfPageCount(content: Uint8Array): number | undefined {
  let maxCount = 0;
  let pages = 0;
  for (const text of texts(content)) {
    for (const m of text.matchAll(PAGES_COUNT)) maxCount = Math.max(maxCount, Number(m[1] ?? m[2]));
    pages += [...text.matchAll(PAGE)].length;
  }
  const count = maxCount || pages;
  return count > 0 ? count : undefined;
}
