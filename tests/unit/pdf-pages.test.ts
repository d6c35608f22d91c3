/** Pages of a PDF read from the file: plain page trees and trees in compressed object streams. */
import { describe, expect, it } from 'vitest';
import { pdfPageCount } from '../../functions/services/pdf-pages.ts';
import { minimalPdf, pagedPdf, pngSignature } from '../helpers/files.ts';

describe('pdfPageCount', () => {
  it('reads the page tree of a plain PDF', () => {
    expect(pdfPageCount(minimalPdf())).toBe(1);
    expect(pdfPageCount(pagedPdf(3))).toBe(3);
    expect(pdfPageCount(pagedPdf(6))).toBe(6);
  });

  it('finds the page tree inside a compressed object stream', () => {
    expect(pdfPageCount(pagedPdf(4, true))).toBe(4);
    expect(pdfPageCount(pagedPdf(7, true))).toBe(7);
  });

  it('finds no pages in what is no PDF', () => {
    expect(pdfPageCount(pngSignature())).toBeUndefined();
  });
});
