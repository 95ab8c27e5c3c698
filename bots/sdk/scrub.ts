import { readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';

const REDACTED = '[redacted]';

/** Cookie headers in Playwright's trace events ({"name":"Cookie","value":"..."}) and raw header lines. */
const COOKIE_HEADER_JSON = /("name"\s*:\s*"(?:cookie|set-cookie|authorization)"\s*,\s*"value"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;
const COOKIE_HEADER_RAW = /^((?:cookie|set-cookie|authorization):\s*)(.*)$/gim;
/**
 * HAR cookie lists in the trace's network log (`"cookies":[{"name":"JSESSIONID","value":"…"}]`).
 * They hold every session the step saw — also sessions the portal dropped before the failure,
 * which are no longer among the context's cookies — so every value there goes.
 */
const HAR_COOKIES = /"cookies"\s*:\s*\[(?:\s*\{[^{}]*\}\s*,?)*\s*\]/g;
const JSON_VALUE = /("value"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;
/** CSRF tokens in hidden form fields: a token is a credential for as long as the session lives. */
const CSRF_INPUT = /(name=\\?["']_?csrf[^"']*\\?["'][^>]*?value=\\?["'])([^"'\\]*)/gi;

/**
 * A CSRF token value wherever it is written: an HTML attribute, or the JSON of a trace's DOM
 * snapshot (`"name":"_csrf","value":"…"` or `["name","_csrf"],["value","…"]`), whatever the order
 * of attributes in between.
 */
const CSRF_ANYWHERE = /_?csrf(?:[-_]?token)?["'\s:=,\][{}a-z]{0,40}?["']([A-Za-z0-9_-]{12,128})["']/gi;

/** Replaces every secret (passwords, cookie values, tokens) in a text. Secrets shorter than 4 are ignored. */
export function scrubText(text: string, secrets: readonly string[]): string {
  const tokens = [...text.matchAll(CSRF_ANYWHERE)].map((m) => m[1]!);
  secrets = [...secrets, ...tokens];
  let out = text
    .replace(HAR_COOKIES, (list) => list.replace(JSON_VALUE, `$1${REDACTED}$3`))
    .replace(COOKIE_HEADER_JSON, `$1${REDACTED}$3`).replace(COOKIE_HEADER_RAW, `$1${REDACTED}`).replace(CSRF_INPUT, `$1${REDACTED}`);
  for (const s of secrets) {
    if (s.length < 4) continue;
    out = out.split(s).join(REDACTED);
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

const TEXT_ENTRY = /\.(trace|network|stacks|json|html?|txt|css|js)$|^resources\/[^.]+$/;

/**
 * Rewrites a Playwright trace zip with every secret scrubbed from its text entries (events, network
 * log, DOM snapshots). Binary entries (screenshots) are kept: logins run in untraced contexts, so
 * no password is ever on a traced screen.
 */
export async function scrubTraceFile(file: string, secrets: readonly string[]): Promise<void> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const entries: { name: string; data: Buffer; isText: boolean }[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const data = await entry.async('nodebuffer');
    entries.push({ name: entry.name, data, isText: TEXT_ENTRY.test(entry.name) && !data.subarray(0, 1024).includes(0) });
  }
  // A token seen next to its field name in one entry (a page's HTML) is scrubbed from every entry
  // (the URL of a later request, the network log), where nothing marks it as a token.
  const tokens = entries.filter((e) => e.isText).flatMap((e) => [...e.data.toString('utf8').matchAll(CSRF_ANYWHERE)].map((m) => m[1]!));
  const all = [...secrets, ...new Set(tokens)];
  const out = new JSZip();
  for (const e of entries) out.file(e.name, e.isText ? scrubText(e.data.toString('utf8'), all) : e.data);
  await writeFile(file, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), { mode: 0o600 });
}
