import { fontPaths, TypstRenderer } from '#adapters/pdf/typst-renderer';
import { awsTableAdapters } from './aws-adapters.ts';
import { awsAdapters } from './aws-files.ts';
import { config } from './config.ts';
import type { Adapters, TableAdapters } from './services.ts';

let renderer: TypstRenderer | undefined;
const theRenderer = () => {
  renderer ??= new TypstRenderer(fontPaths(config().fontsDir));
  return renderer;
};

let adapters: (TableAdapters & { renderer: TypstRenderer }) | undefined;
/** The table's adapters with the PDF renderer, built once per container (the fonts are read once). */
export function awsDocumentAdapters() {
  adapters ??= { ...awsTableAdapters(), renderer: theRenderer() };
  return adapters;
}

let caseFiles: (Adapters & { renderer: TypstRenderer }) | undefined;
/** The case file's adapters: the table, the attachments bucket (where issued documents lie) and the renderer. */
export function awsCaseFileAdapters() {
  caseFiles ??= { ...awsAdapters({ quarantine: false }), renderer: theRenderer() };
  return caseFiles;
}
