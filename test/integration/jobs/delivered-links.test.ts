import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linksIn } from '../../../jobs/runtime/delivery';
import { triggerRun, waitForRun } from '../../../jobs/runtime/flows';
import { QUEUES } from '../../../jobs/runtime/queues';
import { copyRunOutputs, type RunManifest } from '../../../jobs/runtime/run-store';
import { startFixtureWorld, type FixtureWorld } from '../../helpers/fixture-world';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

// Issue 15.5: the review's Excel links every mismatch to its registry screenshot by a path relative
// to the workbook. Wherever the report is delivered (outbox, `--out`, the e-mail's zip) every link
// must open a file that is there.

const DATE = '2026-11-20';
let world: FixtureWorld;
let smtp: SmtpSink;
let runDir: string;
let manifest: RunManifest;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'opsbot-links-'));

/** Every hyperlink of every sheet of a workbook, with where it is. */
async function workbookLinks(file: string): Promise<{ where: string; target: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const links: { where: string; target: string }[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    const target = (cell.value as { hyperlink?: string } | null)?.hyperlink;
    if (target) links.push({ where: `${ws.name}!${cell.address}`, target });
  })));
  return links;
}

/** The links of the delivered files in `folder` that do not open a file there (web links aside). */
async function unresolved(folder: string, outputs: string[]): Promise<string[]> {
  const bad: string[] = [];
  for (const o of outputs) {
    const file = path.join(folder, o);
    const targets = o.endsWith('.xlsx') ? (await workbookLinks(file)).map((l) => l.target) : await linksIn(file);
    for (const t of targets.filter((x) => !/^(https?|mailto):|^#/.test(x))) {
      if (!existsSync(path.resolve(path.dirname(file), decodeURI(t)))) bad.push(`${o}: ${t}`);
    }
  }
  return bad;
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  world = await startFixtureWorld({
    fixtures: { seed: 7, scale: 'small' },
    runtime: { smtpHost: '127.0.0.1', smtpPort: smtp.port, mailFrom: 'opsbot@bank.example', reportRecipients: ['ops@bank.example'] },
  });
  const t = await triggerRun(world.deps, { job: 'annual-review-check', date: DATE });
  runDir = (await waitForRun(world.deps, t.runId, 300_000)).runDir;
  manifest = await world.deps.store.read(runDir);
  // The build queued the delivery before it finished: wait for that job's own completion event.
  const { connection, prefix } = world.deps.redis;
  const queue = new Queue(QUEUES.deliver, { connection, prefix });
  const events = new QueueEvents(QUEUES.deliver, { connection, prefix });
  try {
    await events.waitUntilReady();
    await (await queue.getJob(`${t.runId}/deliver`))!.waitUntilFinished(events, 120_000);
  } finally {
    await events.close();
    await queue.close();
  }
}, 420_000);

afterAll(async () => {
  await world?.stop();
  await smtp?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('links in delivered reports resolve where they are delivered', () => {
  const outputs = () => manifest.outputs.map((o) => o.file);

  it('the run has screenshot links to check, and all resolve in the run folder', async () => {
    const xlsx = outputs().find((o) => o.endsWith('.xlsx'))!;
    const links = await workbookLinks(path.join(runDir, xlsx));
    expect(links.length).toBeGreaterThan(5);
    // Two links per flagged row: the screenshot rendered from the stored page, and the page's bytes.
    const screenshots = links.filter((l) => l.target.startsWith('evidence/registry.company/'));
    const pages = links.filter((l) => l.target.startsWith('pages/registry.company/'));
    expect(screenshots.length).toBeGreaterThan(5);
    expect(pages.length).toBeGreaterThan(5);
    expect(screenshots.length + pages.length).toBe(links.length);
    expect(await unresolved(runDir, outputs())).toEqual([]);
  });

  it('in the outbox', async () => {
    const outbox = path.join(world.rt.varDir, 'outbox', 'annual-review-check', DATE, 'r1');
    expect(existsSync(path.join(outbox, '.delivered.json'))).toBe(true);
    expect(await unresolved(outbox, outputs())).toEqual([]);
  });

  it('in an `--out` copy', async () => {
    const out = path.join(tmp, 'out');
    await copyRunOutputs(runDir, manifest, out);
    expect(await unresolved(out, outputs())).toEqual([]);
  });

  it('in the e-mail: the zip attached holds the report and every file it links to', async () => {
    const mail = smtp.mails.find((m) => m.to.includes('ops@bank.example'));
    expect(mail).toBeDefined();
    const zipName = `annual-review-check-${DATE}-r1.zip`;
    const part = new RegExp(`filename=${zipName.replace(/\./g, '\\.')}\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n([A-Za-z0-9+/=\\r\\n]+)`).exec(mail!.raw);
    expect(part, `no ${zipName} attached`).not.toBeNull();
    const zip = await JSZip.loadAsync(Buffer.from(part![1]!.replace(/\s+/g, ''), 'base64'));
    const unpacked = path.join(tmp, 'mail');
    for (const [name, entry] of Object.entries(zip.files).filter(([, e]) => !e.dir)) {
      await mkdir(path.dirname(path.join(unpacked, name)), { recursive: true });
      await writeFile(path.join(unpacked, name), await entry.async('nodebuffer'));
    }
    const folder = path.join(unpacked, `annual-review-check-${DATE}-r1`);
    expect(existsSync(path.join(folder, outputs().find((o) => o.endsWith('.xlsx'))!))).toBe(true);
    expect(await unresolved(folder, outputs())).toEqual([]);
  });
});
