// What `npm run build` compiles: each entry point of opsbot, by the name of its file in dist/.
//
// The CLI (bin runs dist/opsbot.js) and every worker-thread entry: a thread entry is compiled to
// dist/<its source file's name>.js, beside the chunks that start it, which is where
// bots/sdk/module-thread.ts looks for it. A new thread entry is added here.

export const ENTRY_POINTS = {
  opsbot: 'scripts/cli/main.ts',
  'lookups-thread': 'jobs/annual-review-check/build/lookups-thread.ts',
  'page-keeper-thread': 'bots/sdk/stored-pages/page-keeper-thread.ts',
};

/** Files that change the build without being compiled into it. */
export const BUILD_SETTINGS = ['tsconfig.json', 'scripts/build/entries.mjs', 'scripts/build/build.mjs'];
