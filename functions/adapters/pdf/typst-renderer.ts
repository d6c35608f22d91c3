import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import type { DocumentModel } from '#core/documents/model';
import type { DocumentRenderer } from '#ports/document-renderer';
import { FONT_FILES } from './fonts.ts';
import { TEMPLATE } from './template.ts';

export { FONT_FILES };

/**
 * The font files' paths: in a deployed function they lie in one folder beside the bundle (`fontsDir`, never
 * inside the bundle); otherwise they are read from their packages.
 */
export function fontPaths(fontsDir?: string): string[] {
  if (fontsDir) return FONT_FILES.map((f) => join(fontsDir, f.slice(f.lastIndexOf('/') + 1)));
  const require = createRequire(import.meta.url);
  return FONT_FILES.map((f) => require.resolve(f));
}

/**
 * PDF through Typst (typst.ts's Node compiler): shapes Arabic script and orders right-to-left text, embeds
 * the fonts, and writes tagged PDF/UA-1 with the document's language and title. Built once per container;
 * a render takes milliseconds.
 */
export class TypstRenderer implements DocumentRenderer {
  private readonly compiler: NodeCompiler;

  constructor(fontFiles: string[]) {
    this.compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: fontFiles.map((f) => readFileSync(f)) }] });
  }

  async render(document: DocumentModel, createdAt: Date): Promise<Uint8Array> {
    const args = { mainFileContent: TEMPLATE, inputs: { doc: JSON.stringify(document) } };
    const compiled = this.compiler.compile(args);
    const result = compiled.result;
    if (!result || compiled.hasError()) {
      const diagnostics = compiled.takeDiagnostics()?.shortDiagnostics ?? [];
      // The messages name template positions, never document content (which is data, not source).
      throw new Error(`PDF rendering failed: ${JSON.stringify(diagnostics).slice(0, 2000)}`);
    }
    const pdf = this.compiler.pdf(result, {
      pdfStandard: 'ua-1',
      creationTimestamp: Math.floor(createdAt.getTime() / 1000),
    });
    this.compiler.evictCache(10);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }
}
