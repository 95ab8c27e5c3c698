import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PortalError, SessionExpiredError } from '../sdk';

const XLSX_TYPE = 'spreadsheetml';

/**
 * Downloads the export with the page's own session (its cookies) into a private temp folder.
 * A redirect to the login page means the session expired; 429 / 5xx are portal faults.
 */
export async function downloadExport(page: Page, url: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const response = await page.context().request.get(url, { maxRedirects: 0, failOnStatusCode: false });
  const status = response.status();
  if (status === 302 || status === 401) throw new SessionExpiredError(`export at ${url}: session expired (${status})`);
  if (status === 429) {
    const retryAfter = Number(response.headers()['retry-after'] ?? '1');
    throw new PortalError(`export at ${url}: 429`, 429, (Number.isFinite(retryAfter) ? retryAfter : 1) * 1000);
  }
  if (status >= 500) throw new PortalError(`export at ${url}: ${status}`, status);
  const type = response.headers()['content-type'] ?? '';
  if (status !== 200 || !type.includes(XLSX_TYPE)) throw new PortalError(`export at ${url}: ${status} ${type}, not an .xlsx`, status);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsbot-review-'));
  const file = path.join(dir, 'export.xlsx');
  await writeFile(file, await response.body(), { mode: 0o600 });
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
