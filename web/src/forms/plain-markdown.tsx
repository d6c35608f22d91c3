/**
 * Stand-in for `markdown-to-jsx`, which rjsf uses only when a uiSchema sets `enableMarkdownInDescription`.
 * The forms here use plain-text descriptions, so the text is rendered as it is; this keeps a markdown
 * parser (about 10 kB gzip) out of the form page.
 */
import type { ReactNode } from 'react';

export function Markdown({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}

export default Markdown;
