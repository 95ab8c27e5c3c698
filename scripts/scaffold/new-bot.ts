import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { botFile, fixtureFile, mountFnOf, names, pageFile, parseFile, portalFile, portalVarOf, testFile } from './bot-templates';

export interface ScaffoldResult {
  created: string[];
  registered: boolean;
  /** The fixture page was added to fixtures/portals/scaffolded.ts (served by `--with-fixtures`). */
  fixtureRegistered: boolean;
}

const BOT_ID = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/**
 * Scaffolds a bot `<portal>.<dataset>` in the repository at `root`: page object, pure parser,
 * manifest, a fixture page and an integration test that passes at once; registers the bot in
 * bots/index.ts and its fixture page in fixtures/portals/scaffolded.ts (so `opsbot run …
 * --with-fixtures` serves it). Never overwrites a file.
 */
export async function scaffoldBot(root: string, id: string, title?: string): Promise<ScaffoldResult> {
  if (!BOT_ID.test(id)) throw new Error(`bot id ${JSON.stringify(id)}: use <portal>.<dataset> in kebab-case, e.g. loans.overdue`);
  const n = names(id, title);
  const portalPath = path.join(root, 'bots', n.portal, 'portal.ts');
  let portalVar = portalVarOf(n.portal);
  const files: [string, string][] = [];
  if (existsSync(portalPath)) {
    const m = /export const (\w+) = definePortal/.exec(await readFile(portalPath, 'utf8'));
    if (!m) throw new Error(`${portalPath} exports no definePortal(...) constant`);
    portalVar = m[1]!;
  } else files.push([portalPath, portalFile(n)]);
  files.push(
    [path.join(root, 'bots', n.portal, 'pages', `${n.dataset}.page.ts`), pageFile(n)],
    [path.join(root, 'bots', n.portal, `${n.dataset}.parse.ts`), parseFile(n)],
    [path.join(root, 'bots', n.portal, `${n.dataset}.bot.ts`), botFile(n, portalVar, './portal')],
    [path.join(root, 'fixtures', 'portals', n.portal, `${n.dataset}.fixture.ts`), fixtureFile(n)],
    [path.join(root, 'test', 'integration', 'bots', `${n.portal}-${n.dataset}.test.ts`), testFile(n, '../../../')],
  );
  const existing = files.filter(([f]) => existsSync(f)).map(([f]) => path.relative(root, f));
  if (existing.length) throw new Error(`refusing to overwrite ${existing.join(', ')}`);
  for (const [file, content] of files) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return {
    created: files.map(([f]) => path.relative(root, f)),
    registered: await register(root, n.portal, n.dataset, n.camel),
    fixtureRegistered: await registerFixture(root, n.portal, n.dataset, mountFnOf(n)),
  };
}

/** Adds the fixture page's import and entry to fixtures/portals/scaffolded.ts. */
async function registerFixture(root: string, portal: string, dataset: string, mountFn: string): Promise<boolean> {
  const list = path.join(root, 'fixtures', 'portals', 'scaffolded.ts');
  let src = await readFile(list, 'utf8');
  const importLine = `import { ${mountFn} } from './${portal}/${dataset}.fixture';`;
  if (src.includes(importLine)) return false;
  const imports = [...src.matchAll(/^import .*;$/gm)];
  const at = imports.at(-1)!.index! + imports.at(-1)![0].length;
  src = `${src.slice(0, at)}\n${importLine}${src.slice(at)}`;
  const entries = /SCAFFOLDED_FIXTURES: ScaffoldedFixture\[\] = \[\n([\s\S]*?)\];/.exec(src);
  if (!entries) throw new Error(`${list}: cannot find SCAFFOLDED_FIXTURES: ScaffoldedFixture[] = [ (one entry per line)`);
  src = src.replace(entries[0], `SCAFFOLDED_FIXTURES: ScaffoldedFixture[] = [\n${entries[1]}  { portal: '${portal}', mount: ${mountFn} },\n];`);
  await writeFile(list, src);
  return true;
}

/** Adds the import and the list entry to bots/index.ts. */
async function register(root: string, portal: string, dataset: string, camel: string): Promise<boolean> {
  const index = path.join(root, 'bots', 'index.ts');
  let src = await readFile(index, 'utf8');
  const importLine = `import ${camel} from './${portal}/${dataset}.bot';`;
  if (src.includes(importLine)) return false;
  const imports = [...src.matchAll(/^import .* from '\.\/[^']+\.bot';$/gm)];
  const at = imports.length ? imports.at(-1)!.index! + imports.at(-1)![0].length : src.indexOf('\n', src.indexOf("from './sdk'")) ;
  src = `${src.slice(0, at)}\n${importLine}${src.slice(at)}`;
  const list = /createBotRegistry\(\[\n([\s\S]*?)\]/.exec(src);
  if (!list) throw new Error('bots/index.ts: cannot find createBotRegistry([ (one bot per line)');
  src = src.replace(list[0], `createBotRegistry([\n${list[1]}  ${camel},\n]`);
  await writeFile(index, src);
  return true;
}
