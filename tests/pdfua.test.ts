// Protects the PDF/UA check itself: each rule it claims to check fails on a real pdfkit PDF that breaks it.
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { resolveFontFile } from '../src/font-files.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { checkPdfUa } from '../src/verify/pdfua/index.js';
import { theme } from './helpers.js';

const SERIF = readFileSync(resolveFontFile(theme.fonts.serif.regular));

type Doc = PDFKit.PDFDocument & {
  struct(type: string, options?: object, children?: unknown): Struct;
  addStructure(element: Struct): void;
  markStructureContent(type: string, options?: object): unknown;
};
interface Struct {
  add(child: Struct | (() => void)): Struct;
  end(): void;
}

/** Draws with pdfkit, the library the guides are made with, in the guides' embedded serif unless told, and returns the file's bytes. */
async function makePdf(options: object, draw: (doc: Doc) => void, { standardFont = false } = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A5', pdfVersion: '1.7', ...options } as PDFKit.PDFDocumentOptions) as Doc;
  if (!standardFont) doc.font(SERIF);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const ACCESSIBLE = { tagged: true, lang: 'en-GB', displayTitle: true, subset: 'PDF/UA', info: { Title: 'A test' } };
/** A PDF/UA-minded pdfkit document with a Document root element, which `fill` tags its content under. */
const taggedPdf = (fill: (doc: Doc, root: Struct) => void, fonts?: { standardFont?: boolean }) =>
  makePdf(
    ACCESSIBLE,
    (doc) => {
      const root = doc.struct('Document');
      doc.addStructure(root);
      fill(doc, root);
      root.end();
    },
    fonts,
  );
const rulesOf = async (bytes: Uint8Array) => [...new Set((await checkPdfUa(bytes)).diagnostics.map((d) => d.rule))].sort();
/** A finding's rule and what broke it, without how often and where first. */
const brokenRule = (d: Diagnostic) => `${d.rule} ${d.message.replace(/ \(\d+×, first: .*\)$/, '')}`;

describe('the PDF/UA check', () => {
  it('passes a small PDF tagged the way the renderer tags: heading, paragraph, list, table with scope, figure with alt, link described', async () => {
    const bytes = await taggedPdf((doc, root) => {
      root.add(doc.struct('H1', () => doc.text('Title')));
      root.add(doc.struct('P', () => doc.text('A paragraph.')));
      const list = doc.struct('L');
      root.add(list);
      const item = doc.struct('LI');
      list.add(item);
      item.add(doc.struct('LBody', () => doc.text('An item')));
      item.end();
      list.end();
      const table = doc.struct('Table');
      root.add(table);
      const row = doc.struct('TR');
      table.add(row);
      row.add(doc.struct('TH', { scope: 'Column' }, () => doc.text('Head')));
      row.end();
      table.end();
      root.add(doc.struct('Figure', { alt: 'A square' }, () => doc.rect(40, 300, 20, 20).fill()));
      const link = doc.struct('Link');
      root.add(link);
      link.add(() => doc.text('Go'));
      doc.goTo(40, 400, 30, 12, 'somewhere', { structParent: link, Contents: new String('Go to somewhere') } as object);
      link.end();
      doc.markContent('Artifact', { type: 'Pagination' } as PDFKit.Mixins.MarkingOptions);
      doc.text('1', 40, 450, { lineBreak: false });
      doc.endMarkedContent();
    });
    const report = await checkPdfUa(bytes);
    expect(report.diagnostics).toEqual([]);
    expect(report.counts.links).toBe(1);
    expect(report.counts.artifacts).toBe(1);
  });

  it('finds an untagged PDF: no identification, title, title shown, language, tree, and content neither tagged nor artifact', async () => {
    const bytes = await makePdf({}, (doc) => doc.text('Plain text'));
    expect(await rulesOf(bytes)).toEqual(['5-1', '7.1', '7.1-10', '7.1-3', '7.1-9', '7.2-33'].map((rule) => `PDF/UA-1 ${rule}`));
  });

  it("finds a font that is neither embedded nor mapped to Unicode (pdfkit's built-in Helvetica)", async () => {
    const bytes = await taggedPdf((doc, root) => {
      root.add(doc.struct('P', () => doc.text('Plain text')));
    }, { standardFont: true });
    expect(await rulesOf(bytes)).toEqual(['7.21.4.1-1', '7.21.7-1'].map((rule) => `PDF/UA-1 ${rule}`));
  });

  it('finds a .notdef glyph drawn: Japanese set in PT Serif, which has none of its characters', async () => {
    const bytes = await taggedPdf((doc, root) => {
      root.add(doc.struct('P', () => doc.text('The film 紙の灯籠 is Japanese.')));
    });
    const found = (await checkPdfUa(bytes)).diagnostics;
    expect(found.map(brokenRule)).toEqual(['PDF/UA-1 7.21.8-1 a .notdef glyph drawn (a character its font does not have)']);
    expect(found[0]!.message).toMatch(/first: page 1, font [A-Z]{6}\+PTSerif-Regular\)$/);
  });

  it('finds each structure mistake: a link left out of the tree, a figure without alt, a skipped heading level, a cell outside a row, an artifact inside a paragraph, text outside any tag', async () => {
    const bytes = await taggedPdf((doc, root) => {
      root.add(doc.struct('H1', () => doc.text('Title')));
      root.add(doc.struct('H3', () => doc.text('Too deep')));
      root.add(doc.struct('Figure', () => doc.rect(40, 300, 20, 20).fill()));
      const table = doc.struct('Table');
      root.add(table);
      table.add(doc.struct('TD', () => doc.text('Loose cell')));
      table.end();
      // pdfkit will not nest an artifact in tagged content, so the content stream is written by hand here.
      root.add(
        doc.struct('P', () => {
          doc.addContent('/Artifact BMC');
          doc.moveTo(40, 200).lineTo(100, 200).stroke();
          doc.addContent('EMC');
        }),
      );
      doc.text('Go', 40, 400, { goTo: 'somewhere' } as PDFKit.Mixins.TextOptions);
    });
    const report = await checkPdfUa(bytes, 'mistakes.pdf');
    expect(report.diagnostics.find((d) => d.rule === 'PDF/UA-1 7.3-1')).toEqual({
      severity: 'error',
      code: 'pdfua',
      rule: 'PDF/UA-1 7.3-1',
      message: 'Figure without Alt or ActualText (1×, first: StructTreeRoot > Document > Figure)',
      file: 'mistakes.pdf',
    });
    const messages = report.diagnostics.map(brokenRule);
    expect(messages).toEqual(
      expect.arrayContaining([
        'PDF/UA-1 7.3-1 Figure without Alt or ActualText',
        'PDF/UA-1 7.4.2-1 H3 follows H1, skipping a level',
        'PDF/UA-1 7.2 TD inside Table (it belongs in TR)',
        'PDF/UA-1 7.2 Table holds TD (it may hold TR, THead, TBody, TFoot, Caption)',
        'PDF/UA-1 7.1-1 an artifact inside tagged content',
        'PDF/UA-1 7.1-3 content neither tagged nor marked as an artifact ("TJ")',
        'PDF/UA-1 7.18.5-1 a link annotation not nested in a Link element',
        'PDF/UA-1 7.18.5-2 a link annotation without a Contents description',
      ]),
    );
  });
});
