// Checks of the teacher's editable and platform files: the Word file through LibreOffice, every XML file of a question bank well formed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { problem, run, type Check } from './tools.js';

/**
 * Word's own check cannot run here; LibreOffice is the next best reader. It must turn the DOCX into a PDF
 * (a file it cannot repair makes none), whose text must hold the document's first heading.
 */
export const libreOffice: Check = (file, { reports }) => {
  const out = path.join(reports, 'docx');
  mkdirSync(out, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), 'studyguide-lo-'));
  try {
    const { status, out: printed } = run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, file], 'libreoffice-writer');
    const pdf = path.join(out, `${path.basename(file, '.docx')}.pdf`);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf], 'poppler-utils').out)?.[1] ?? 0);
    if (status !== 0 || pages === 0) return { diagnostics: [problem(file, 'libreoffice', `LibreOffice could not convert the file: ${printed.trim()}`)], summary: 'not converted' };
    const text = run('pdftotext', [pdf, '-'], 'poppler-utils').out;
    const title = /<w:pStyle w:val="Title"\/>.*?<w:t[^>]*>([^<]+)</s.exec(strFromU8(unzipSync(readFileSync(file))['word/document.xml']!))?.[1];
    const missing = title && !text.includes(title) ? [problem(file, 'libreoffice', `the converted text lacks the title "${title}"`)] : [];
    return { diagnostics: missing, summary: `LibreOffice made ${pages} pages (${path.relative(process.cwd(), pdf)})` };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
};

/** Moodle XML, and every .xml inside a QTI or Common Cartridge package, must be well-formed XML (xmllint). */
export const wellFormed: Check = (file) => {
  const xmlFiles: [name: string, text: string][] = file.endsWith('.xml')
    ? [[path.basename(file), readFileSync(file, 'utf8')]]
    : Object.entries(unzipSync(readFileSync(file))).filter(([name]) => name.endsWith('.xml')).map(([name, bytes]) => [name, strFromU8(bytes)]);
  const scratch = mkdtempSync(path.join(tmpdir(), 'studyguide-xml-'));
  try {
    const diagnostics = xmlFiles.flatMap(([name, text]) => {
      const copy = path.join(scratch, 'file.xml');
      writeFileSync(copy, text);
      const { status, out } = run('xmllint', ['--noout', copy], 'libxml2-utils');
      return status === 0 ? [] : [problem(file, 'xml', `${name} is not well-formed XML: ${out.trim().split('\n')[0]}`)];
    });
    return { diagnostics, summary: `${xmlFiles.length} XML file${xmlFiles.length === 1 ? '' : 's'}, all well formed` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
