import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
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
  private compiler: Promise<NodeCompiler> | undefined;

  constructor(private readonly fontFiles: string[]) {}

  /** The native compiler, loaded on the first render (not when the handler module is imported). */
  private load(): Promise<NodeCompiler> {
    this.compiler ??= import('@myriaddreamin/typst-ts-node-compiler')
      .then(({ NodeCompiler }) =>
        NodeCompiler.create({ fontArgs: [{ fontBlobs: this.fontFiles.map((f) => readFileSync(f)) }] }),
      )
      .catch((error: unknown) => {
        this.compiler = undefined;
        throw error;
      });
    return this.compiler;
  }

  async render(document: DocumentModel, createdAt: Date): Promise<Uint8Array> {
    const compiler = await this.load();
    const args = { mainFileContent: TEMPLATE, inputs: { doc: JSON.stringify(document) } };
    const compiled = compiler.compile(args);
    const result = compiled.result;
    if (!result || compiled.hasError()) {
      const diagnostics = compiled.takeDiagnostics()?.shortDiagnostics ?? [];
      // The messages name template positions, never document content (which is data, not source).
      throw new Error(`PDF rendering failed: ${JSON.stringify(diagnostics).slice(0, 2000)}`);
    }
    const pdf = compiler.pdf(result, {
      pdfStandard: 'ua-1',
      creationTimestamp: Math.floor(createdAt.getTime() / 1000),
    });
    compiler.evictCache(10);
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }
}
