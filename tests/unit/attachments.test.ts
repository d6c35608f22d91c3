import { describe, expect, it } from 'vitest';
import {
  ABSOLUTE_MAX_BYTES,
  attachmentLimits,
  attachmentTransition,
  containsEicar,
  contentDisposition,
  contentMatches,
  DEFAULT_ALLOWED_TYPES,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_FILES,
  DOCX,
  FALLBACK_FILENAME,
  guardHolds,
  JPEG,
  MAX_FILENAME_BYTES,
  ODS,
  ODT,
  objectKey,
  PDF,
  PNG,
  parseObjectKey,
  sanitizeFilename,
  sniffContentType,
  withTypeExtension,
  XLSX,
  zipEntryNames,
} from '../../functions/core/attachments.ts';
import {
  docx,
  eicarPdf,
  jpegSignature,
  minimalPdf,
  odf,
  pngSignature,
  storedZip,
  windowsExecutable,
  xlsx,
} from '../helpers/files.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('sanitizeFilename', () => {
  it.each([
    ['Antrag 2017.pdf', 'Antrag 2017.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\maurer\\Desktop\\Kooperationsvereinbarung.docx', 'Kooperationsvereinbarung.docx'],
    ['a/b\\c.pdf', 'c.pdf'],
    ['Zeugnis\u0000\u0007\u001b.pdf', 'Zeugnis.pdf'],
    ['Rechnung\u202Efdp.exe', 'Rechnungfdp.exe'],
    ['\u2066scan\u2069.pdf', 'scan.pdf'],
    ['na\u200bme\ufeff.pdf', 'name.pdf'],
    ['what?<is>"this"|*.pdf', 'what__is__this___.pdf'],
    ['  .hidden.pdf  ', 'hidden.pdf'],
    ['trailing dots...', 'trailing dots'],
    ['tabs\tand\nnewlines.pdf', 'tabsandnewlines.pdf'],
    ['many     spaces.pdf', 'many spaces.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['', FALLBACK_FILENAME],
    ['...', FALLBACK_FILENAME],
    ['/', FALLBACK_FILENAME],
    ['\u202e', FALLBACK_FILENAME],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('keeps Unicode: umlauts, Arabic, Persian with ZWNJ, emoji', () => {
    expect(sanitizeFilename('Qualifikationsnachweis Aydın – Übersetzung.pdf')).toBe(
      'Qualifikationsnachweis Aydın – Übersetzung.pdf',
    );
    expect(sanitizeFilename('شهادة.pdf')).toBe('شهادة.pdf');
    expect(sanitizeFilename('می\u200cخواهم.pdf')).toBe('می\u200cخواهم.pdf');
    expect(sanitizeFilename('👩‍👧 Familie.png')).toBe('👩‍👧 Familie.png');
  });

  it('normalises to NFC', () => {
    expect(sanitizeFilename('U\u0308bersicht.pdf')).toBe('Übersicht.pdf');
  });

  it('caps the length in UTF-8 bytes, keeps the extension and never splits a character', () => {
    const long = sanitizeFilename(`${'ä'.repeat(300)}.pdf`);
    expect(bytes(long)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(long.startsWith('ää')).toBe(true);
    const emoji = sanitizeFilename(`${'👩‍👧'.repeat(40)}.docx`);
    expect(bytes(emoji)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(emoji.replace('.docx', '').length % '👩‍👧'.length).toBe(0);
    expect(sanitizeFilename('x'.repeat(1000))).toBe('x'.repeat(MAX_FILENAME_BYTES));
  });

  it('is idempotent', () => {
    for (const raw of ['../a\u202e.pdf', '  x.pdf.', `${'é'.repeat(200)}.odt`, 'CON']) {
      const once = sanitizeFilename(raw);
      expect(sanitizeFilename(once)).toBe(once);
    }
  });
});

describe('download names', () => {
  it('adds the extension of the verified type when the name does not have it', () => {
    expect(withTypeExtension('scan.exe', PDF)).toBe('scan.exe.pdf');
    expect(withTypeExtension('Foto.JPG', JPEG)).toBe('Foto.JPG');
    expect(withTypeExtension('Foto.jpeg', JPEG)).toBe('Foto.jpeg');
    expect(withTypeExtension('Antrag', DOCX)).toBe('Antrag.docx');
    expect(bytes(withTypeExtension('x'.repeat(MAX_FILENAME_BYTES), PDF))).toBeLessThanOrEqual(
      MAX_FILENAME_BYTES,
    );
  });

  it('builds Content-Disposition: attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Übersicht 2017.pdf')).toBe(
      `attachment; filename="Ubersicht 2017.pdf"; filename*=UTF-8''%C3%9Cbersicht%202017.pdf`,
    );
    expect(contentDisposition('شهادة.pdf')).toMatch(
      /^attachment; filename="\.pdf"; filename\*=UTF-8''%D8%B4/,
    );
    expect(contentDisposition("it's (1).pdf")).toBe(
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
    expect(contentDisposition('100%.pdf')).toContain('filename="100_.pdf"');
  });
});

describe('sniffContentType', () => {
  it('recognises PDF, PNG and JPEG by their signatures', () => {
    expect(sniffContentType(minimalPdf())).toBe(PDF);
    expect(sniffContentType(pngSignature())).toBe(PNG);
    expect(sniffContentType(jpegSignature())).toBe(JPEG);
  });

  it('recognises OOXML documents by their parts, in any order', () => {
    expect(sniffContentType(docx())).toBe(DOCX);
    expect(sniffContentType(xlsx())).toBe(XLSX);
  });

  it('recognises ODF documents by their mimetype entry', () => {
    expect(sniffContentType(odf(ODT))).toBe(ODT);
    expect(sniffContentType(odf(ODS))).toBe(ODS);
  });

  it('refuses what only looks like a document', () => {
    // A Windows program renamed to .pdf.
    expect(sniffContentType(windowsExecutable())).toBeUndefined();
    expect(contentMatches(PDF, windowsExecutable())).toBe(false);
    // Any zip is no office document.
    expect(sniffContentType(storedZip([['setup.exe', 'MZ']]))).toBeUndefined();
    // A macro-enabled document renamed to .docx.
    expect(sniffContentType(docx([['word/vbaProject.bin', 'macros']]))).toBeUndefined();
    // ODF needs `mimetype` as its first entry, and a known type in it.
    expect(
      sniffContentType(
        storedZip([
          ['content.xml', '<x/>'],
          ['mimetype', ODT],
        ]),
      ),
    ).toBeUndefined();
    expect(sniffContentType(odf('application/x-evil'))).toBeUndefined();
    // Truncated or broken archives.
    expect(sniffContentType(docx().subarray(0, 60))).toBeUndefined();
    expect(zipEntryNames(Buffer.from('PK\u0003\u0004 not really'))).toBeUndefined();
    // Text, HTML, SVG, nothing.
    expect(
      sniffContentType(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ),
    ).toBeUndefined();
    expect(sniffContentType(Buffer.from(' %PDF-1.4'))).toBeUndefined();
    expect(sniffContentType(new Uint8Array())).toBeUndefined();
  });

  it('checks the declared type, not just any known type', () => {
    expect(contentMatches(PDF, minimalPdf())).toBe(true);
    expect(contentMatches(PNG, minimalPdf())).toBe(false);
    expect(contentMatches(XLSX, docx())).toBe(false);
  });

  it('finds the EICAR test signature anywhere in the content', () => {
    expect(containsEicar(eicarPdf())).toBe(true);
    expect(containsEicar(minimalPdf())).toBe(false);
    // The content is still a PDF: only the scan can refuse it.
    expect(sniffContentType(eicarPdf())).toBe(PDF);
  });
});

describe('limits', () => {
  it('has defaults and reads the form config', () => {
    expect(attachmentLimits(undefined)).toEqual({
      allowedTypes: DEFAULT_ALLOWED_TYPES,
      maxBytes: DEFAULT_MAX_BYTES,
      maxFiles: DEFAULT_MAX_FILES,
      kinds: [],
    });
    expect(DEFAULT_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(DEFAULT_MAX_FILES).toBe(20);
    const limits = attachmentLimits({
      attachments: { allowedTypes: ['application/PDF'], maxBytes: 1000, maxFiles: 2, kinds: ['other'] },
    });
    expect(limits).toEqual({ allowedTypes: [PDF], maxBytes: 1000, maxFiles: 2, kinds: ['other'] });
  });

  it('never allows a type it cannot check, nor more than the absolute maximum', () => {
    const limits = attachmentLimits({
      attachments: { allowedTypes: ['text/html', 'image/svg+xml', PNG], maxBytes: 10 ** 10, maxFiles: -1 },
    });
    expect(limits.allowedTypes).toEqual([PNG]);
    expect(limits.maxBytes).toBe(ABSOLUTE_MAX_BYTES);
    expect(limits.maxFiles).toBe(DEFAULT_MAX_FILES);
  });
});

describe('object keys', () => {
  it('are built from ids only and parsed back', () => {
    expect(objectKey('01J0SUB', '01J0ATT')).toBe('submissions/01J0SUB/01J0ATT');
    expect(parseObjectKey('submissions/01J0SUB/01J0ATT')).toEqual({
      submissionId: '01J0SUB',
      attachmentId: '01J0ATT',
    });
    expect(() => objectKey('../x', 'a')).toThrow();
    expect(() => objectKey('a', 'b/c')).toThrow();
    expect(parseObjectKey('submissions/a/b/c')).toBeUndefined();
    expect(parseObjectKey('validators/x/v1.js')).toBeUndefined();
  });
});

describe('states', () => {
  it('moves pending → scanning → available or rejected, nothing else', () => {
    expect(attachmentTransition('pending', 'checked').to).toBe('scanning');
    expect(attachmentTransition('pending', 'checkFailed').to).toBe('rejected');
    expect(attachmentTransition('scanning', 'verdictClean').to).toBe('available');
    expect(attachmentTransition('scanning', 'verdictRejected').to).toBe('rejected');
    expect(() => attachmentTransition('available', 'verdictRejected')).toThrow(
      expect.objectContaining({ status: 409 }),
    );
    expect(() => attachmentTransition('rejected', 'checked')).toThrow(
      expect.objectContaining({ code: 'attachments.wrong_state' }),
    );
    expect(() => attachmentTransition('scanning', 'checked')).toThrow();
  });

  it('guards changes by the submission state, revision and counter', () => {
    const sub = { status: 'draft' as const, revision: 1, attachmentsVersion: 4 };
    expect(guardHolds(sub, { statuses: ['draft', 'revised'], revision: 1 })).toBe(true);
    expect(guardHolds(sub, { statuses: ['draft', 'revised'], revision: 1, attachmentsVersion: 4 })).toBe(
      true,
    );
    expect(guardHolds(sub, { statuses: ['draft', 'revised'], revision: 1, attachmentsVersion: 3 })).toBe(
      false,
    );
    expect(guardHolds(sub, { statuses: ['draft', 'revised'], revision: 2 })).toBe(false);
    expect(guardHolds({ ...sub, status: 'review' }, { statuses: ['draft', 'revised'], revision: 1 })).toBe(
      false,
    );
    expect(
      guardHolds(
        { status: 'draft', revision: 0 },
        { statuses: ['draft'], revision: 0, attachmentsVersion: 0 },
      ),
    ).toBe(true);
  });
});
