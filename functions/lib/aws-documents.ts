import { fontPaths, TypstRenderer } from '#adapters/pdf/typst-renderer';
import { awsTableAdapters } from './aws-adapters.ts';
import { config } from './config.ts';
import type { TableAdapters } from './services.ts';

let adapters: (TableAdapters & { renderer: TypstRenderer }) | undefined;
/** The table's adapters with the PDF renderer, built once per container (the fonts are read once). */
export function awsDocumentAdapters() {
  adapters ??= { ...awsTableAdapters(), renderer: new TypstRenderer(fontPaths(config().fontsDir)) };
  return adapters;
}
