import { fontPaths, TypstRenderer } from '#adapters/pdf/typst-renderer';
import { DocumentService } from '#services/document-service';
import { config } from './config.ts';
import { context } from './context.ts';

/** The document use cases with the PDF renderer, built once per container (the fonts are read once). */
let documents: DocumentService | undefined;
export const documentService = () => {
  if (!documents) {
    const { submissions, forms, recorder, accessLog, now } = context();
    const renderer = new TypstRenderer(fontPaths(config().fontsDir));
    documents = new DocumentService({ submissions, forms, recorder, accessLog, renderer, now });
  }
  return documents;
};
