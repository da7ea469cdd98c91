/**
 * The essay as a PDF for archiving: the built page printed by Chromium with the print
 * stylesheet (vector figures, text as text, links kept, headings as the PDF's outline), and the
 * reading of a PDF back (pages, text with positions, links) that the PDF's browser test checks.
 */
import type { Page } from '@playwright/test';

/** A4 with room for the page's own side margins (the print stylesheet sets them). */
const PAPER = { format: 'A4', margin: { top: '16mm', bottom: '16mm', left: '0', right: '0' } } as const;

/**
 * Opens `url` in `page`, waits until the formulas' font and every figure are ready, and prints.
 * Sections that the screen skips until they scroll near (content-visibility) are drawn for print
 * by the print stylesheet, so nothing has to be scrolled first.
 */
export async function printEssay(page: Page, url: string): Promise<Buffer> {
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`pdf: ${url} answered ${response?.status() ?? 'nothing'}; build the site first (npx astro build)`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.pdf({ ...PAPER, printBackground: false, outline: true, tagged: true });
}

export interface PdfText {
  readonly str: string;
  /** left edge and width in PDF points */
  readonly x: number;
  readonly width: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly text: PdfText[];
  /** link annotations: external addresses and internal destinations */
  readonly links: { url?: string; internal: boolean }[];
}

/** Reads a PDF's pages, text runs and links with PDF.js (a development dependency). */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const text = content.items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4], width: it.width }] : []));
    const links = (await page.getAnnotations())
      .filter((a: { subtype?: string }) => a.subtype === 'Link')
      .map((a: { url?: string; dest?: unknown }) => ({ url: a.url, internal: a.dest !== undefined && a.dest !== null }));
    pages.push({ width, height, text, links });
  }
  await doc.destroy();
  return pages;
}
