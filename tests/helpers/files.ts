/**
 * Small files for attachment tests, built in code: a real (minimal) PDF, PNG and JPEG signatures, office
 * documents as real zip archives, a Windows executable's header, and PDFs carrying the EICAR test string.
 */
import { crc32, deflateSync } from 'node:zlib';
import { EICAR } from '../../functions/core/attachments.ts';
import { minimalPdf } from '../../functions/local/demo-pdf.ts';

export { minimalPdf };

/** A PDF that carries the EICAR test string (a harmless signature every scanner reports). */
export const eicarPdf = (): Buffer => Buffer.concat([minimalPdf(), Buffer.from(`%${EICAR}\n`, 'latin1')]);

/** The first bytes of a Windows executable (MZ header, PE stub message), padded. */
export function windowsExecutable(size = 2048): Buffer {
  const buffer = Buffer.alloc(size);
  buffer.write('MZ', 0, 'latin1');
  buffer.writeUInt32LE(0x80, 0x3c);
  buffer.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  buffer.write('PE\0\0', 0x80, 'latin1');
  return buffer;
}

export const pngSignature = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
export const jpegSignature = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);

/** A zip archive with stored (uncompressed) entries, in the given order. */
export function storedZip(entries: Array<[name: string, content: string | Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of entries) {
    const data = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** A Word document's parts, in the order LibreOffice writes them (content types last). */
export const docx = (extra: Array<[string, string]> = []) =>
  storedZip([
    ['_rels/.rels', '<Relationships/>'],
    ['word/document.xml', '<w:document/>'],
    ...extra,
    ['[Content_Types].xml', CONTENT_TYPES],
  ]);

export const xlsx = () =>
  storedZip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['xl/workbook.xml', '<workbook/>'],
  ]);

/** An OpenDocument file: `mimetype` first and stored, then the content. */
export const odf = (mimetype: string) =>
  storedZip([
    ['mimetype', mimetype],
    ['content.xml', '<office:document-content/>'],
    ['META-INF/manifest.xml', '<manifest:manifest/>'],
  ]);

/**
 * A PDF of `pages` pages. `compressed`: the page tree and the pages sit in a deflated object stream (as PDF 1.5+
 * writers keep them), so only a reader that inflates it finds them.
 */
export function pagedPdf(pages: number, compressed = false): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const tree = `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`;
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
  let body = '%PDF-1.5\n';
  body += '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
  if (!compressed) {
    body += `2 0 obj\n${tree}\nendobj\n`;
    for (let i = 0; i < pages; i++) body += `${i + 3} 0 obj\n${page}\nendobj\n`;
    return Buffer.from(`${body}trailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
  }
  const objects = [tree, ...Array.from({ length: pages }, () => page)].join('\n');
  const stream = deflateSync(Buffer.from(objects, 'latin1'));
  return Buffer.concat([
    Buffer.from(
      `${body}${pages + 3} 0 obj\n<< /Type /ObjStm /N ${pages + 1} /First 0 /Length ${stream.byteLength} /Filter /FlateDecode >>\nstream\n`,
      'latin1',
    ),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}
