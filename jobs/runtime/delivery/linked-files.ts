import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { parse } from 'node-html-parser';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { realFileInside } from '../run-store/contained-path';

// A report is only useful where it lands if its links land with it: the annual review's Excel links
// each mismatch to its registry screenshot by a path relative to the workbook
// (`evidence/registry.company/….png`). Whoever copies outputs somewhere (outbox, `--out`, an e-mail
// zip) asks this module which run files the outputs point at, and copies those too.

const HYPERLINK_REL = /\/relationships\/hyperlink$/;
/** `http:`, `mailto:`, `file:`, `C:` …: not a path relative to the file. */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The hyperlink targets written in an .xlsx (the external relationships of its sheets). */
async function xlsxLinks(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const targets: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/(worksheets|drawings)\/_rels\/[^/]+\.rels$/.test(n))) {
    const rels = parse(await zip.file(name)!.async('string'));
    for (const rel of rels.querySelectorAll('relationship')) {
      const target = rel.getAttribute('Target');
      if (target && HYPERLINK_REL.test(rel.getAttribute('Type') ?? '') && rel.getAttribute('TargetMode') === 'External') targets.push(target);
    }
  }
  return targets;
}

/** The URI and file targets of the link annotations of a PDF. */
async function pdfLinks(file: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const text = (v: unknown): string | undefined => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined);
  const targets: string[] = [];
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const annot = annots!.lookupMaybe(i, PDFDict);
      const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
      if (!action) continue;
      const uri = text(action.lookup(PDFName.of('URI')));
      const f = action.lookup(PDFName.of('F'));
      const spec = text(f) ?? (f instanceof PDFDict ? text(f.lookup(PDFName.of('F'))) : undefined);
      for (const t of [uri, spec]) if (t) targets.push(t);
    }
  }
  return targets;
}

/** Every link target written in one output file (Excel and PDF; other formats carry none). */
export async function linksIn(file: string): Promise<string[]> {
  if (file.endsWith('.xlsx')) return xlsxLinks(file);
  if (file.endsWith('.pdf')) return pdfLinks(file);
  return [];
}

export interface LinkedFiles {
  /** Run-relative paths of the files the outputs link to, that exist in the run folder. */
  files: string[];
  /** Links that cannot be made to resolve: target missing, outside the run folder, or absolute. */
  broken: { output: string; target: string; reason: string }[];
}

function decoded(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

/**
 * The files of `runDir` that the given outputs (run-relative) link to by relative path. Web links
 * (`http:`, `mailto:`) and links inside a file (`#…`) need nothing; everything else must be a file
 * inside the run folder, or it is listed as broken (never followed outside the run folder).
 */
export async function linkedFiles(runDir: string, outputs: string[]): Promise<LinkedFiles> {
  const root = path.resolve(runDir);
  const files = new Set<string>();
  const broken: LinkedFiles['broken'] = [];
  for (const output of outputs) {
    let targets: string[];
    try {
      targets = await linksIn(path.join(root, output));
    } catch (err) {
      // A file that cannot be parsed is still delivered as it is; its links just cannot be checked.
      broken.push({ output, target: '', reason: `links not readable: ${(err as Error).message}` });
      continue;
    }
    for (const target of targets) {
      if (target.startsWith('#') || /^(https?|mailto):/i.test(target)) continue;
      if (HAS_SCHEME.test(target) || path.isAbsolute(target)) {
        broken.push({ output, target, reason: 'absolute path: resolves only on the machine that wrote it' });
        continue;
      }
      const abs = path.resolve(root, path.dirname(output), decoded(target.split('#')[0]!));
      const rel = path.relative(root, abs);
      if (rel.startsWith('..') || path.isAbsolute(rel)) broken.push({ output, target, reason: 'outside the run folder' });
      else if (!existsSync(abs)) broken.push({ output, target, reason: 'no such file in the run folder' });
      // A symlink in the run folder pointing out of it would send that file (an e-mail zip, the outbox).
      else if (!(await realFileInside(root, rel).then(() => true, () => false))) broken.push({ output, target, reason: 'not a file of the run folder (a symlink leading out of it, or a folder)' });
      else files.add(rel);
    }
  }
  return { files: [...files].sort(), broken };
}
