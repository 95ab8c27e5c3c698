// Run in a child with a small heap (--max-old-space-size): writes an accounts CSV of N rows
// (streamed, GBK-free UTF-8 with a BOM), stages it as the annual review does (prepareInput), and
// prints one JSON line: accounts, input errors, peak RSS, heap used at the end, seconds.
// Usage: node --max-old-space-size=256 --import tsx million-rows.ts <dir> <rows>
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { prepareInput } from '../../../jobs/annual-review-check/prepare-input';

const [dir, rowsArg] = process.argv.slice(2) as [string, string];
const rows = Number(rowsArg);
const file = path.join(dir, 'accounts.csv');

const out = createWriteStream(file);
const write = async (line: string) => {
  if (!out.write(line)) await once(out, 'drain');
};
await write('\uFEFF账号,存款人名称,统一社会信用代码,法定代表人,注册资本\n');
for (let i = 1; i <= rows; i++) {
  // Every 100 000th row has no USCC: a row error that must not cost any other row.
  const uscc = i % 100_000 === 0 ? '' : '91620105750906995R';
  await write(`62220230${String(i).padStart(10, '0')},兰州远达商贸有限公司${i},${uscc},艾力·托合提,"1,112(万元人民币)"\n`);
}
out.end();
await once(out, 'finish');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const started = Date.now();
const prepared = await prepareInput(dir, file);
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
console.log(JSON.stringify({ accounts: prepared.accounts, inputErrors: prepared.inputErrors, peakRssMb: Math.round(peakRss / 2 ** 20), heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20), seconds: (Date.now() - started) / 1000 }));
