// The dependency rule of ../shared/DESIGN.md ("arrows point down only"), checked by `npm run lint`:
//   scripts → jobs → {templates, bots} → bots/sdk, bots/records
// fixtures/ is the bank's side of the wire: it may share only the record schemas.
// Type-only imports count too (tsPreCompilationDeps), so a template cannot lean on a job's types.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle means two modules are one idea split badly; move the shared part down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'bots-and-templates-not-jobs',
      comment: 'Bots fetch and templates draw; neither knows the rules. Hand them what they need.',
      severity: 'error',
      from: { path: '^(bots|templates)/' },
      to: { path: '^(jobs|scripts)/' },
    },
    {
      name: 'jobs-not-scripts',
      comment: 'scripts/ holds entry points only; jobs/ must not reach back up into them.',
      severity: 'error',
      from: { path: '^jobs/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'templates-only-sdk-and-records',
      comment: 'A template may use the SDK helpers and record types, never a bot.',
      severity: 'error',
      from: { path: '^templates/' },
      to: { path: '^bots/(?!sdk/|records/)' },
    },
    {
      name: 'bots-not-templates',
      comment: 'Bots and templates sit side by side; neither imports the other.',
      severity: 'error',
      from: { path: '^bots/' },
      to: { path: '^templates/' },
    },
    {
      name: 'sdk-and-records-below-bots',
      comment: 'The SDK and the records are the floor: they import no portal folder.',
      severity: 'error',
      from: { path: '^bots/(sdk|records)/' },
      to: { path: '^bots/(?!sdk/|records/)' },
    },
    {
      name: 'records-are-the-floor',
      comment: 'Fixtures import the records; were a record to import the SDK, the bank side would pull in Playwright through it.',
      severity: 'error',
      from: { path: '^bots/records/' },
      to: { path: '^(bots/(?!records/)|jobs/|templates/|scripts/|fixtures/)' },
    },
    {
      name: 'portal-bots-not-each-other',
      comment: 'What two portals share (a login page object, a grid reader) belongs in bots/sdk/, not in one portal folder the others reach into.',
      severity: 'error',
      from: { path: '^bots/(?!sdk/|records/)([^/]+)/' },
      to: { path: '^bots/(?!sdk/|records/|$1/)[^/]+/' },
    },
    {
      name: 'fixtures-only-records',
      comment: 'Fixtures are the bank side of the wire: only the record schemas are shared.',
      severity: 'error',
      from: { path: '^fixtures/' },
      to: { path: '^(bots/(?!records/)|jobs/|templates/|scripts/)' },
    },
    {
      name: 'runtime-is-handed-its-registries',
      comment: 'The runtime receives bots and jobs from the composition root (scripts/); it never reaches for the registries.',
      severity: 'error',
      from: { path: '^jobs/runtime/' },
      to: { path: '^(jobs/index\\.ts|bots/index\\.ts)$' },
    },
    {
      name: 'runtime-knows-no-job-or-bot',
      comment: 'The runtime is handed its jobs and bots (startWorker({ config, bots, jobs, ... })); adding a job or bot touches no runtime file.',
      severity: 'error',
      from: { path: '^jobs/runtime/' },
      to: { path: '^(jobs/(?!runtime/|review/)[^/]+/|bots/(?!sdk/|records/)[^/]+/)' },
    },
    {
      name: 'registries-only-in-scripts',
      comment: 'Only the entry points (scripts/app/compose-runtime.ts) read the job and bot registries; everything else is handed them.',
      severity: 'error',
      from: { path: '^(bots|jobs|templates|fixtures)/' },
      to: { path: '^(jobs|bots)/index\\.ts$' },
    },
    {
      name: 'jobs-not-other-jobs',
      comment: 'A job folder holds its own rules; shared machinery belongs in jobs/runtime/, the case ledger in jobs/review/.',
      severity: 'error',
      from: { path: '^jobs/(?!runtime/|review/)([^/]+)/' },
      to: { path: '^jobs/(?!runtime/|review/|$1/)[^/]+/' },
    },
    {
      name: 'review-not-jobs',
      comment: 'The case ledger (jobs/review/) serves every job that flags things: it imports the runtime, never a job.',
      severity: 'error',
      from: { path: '^jobs/review/' },
      to: { path: '^jobs/(?!runtime/|review/)[^/]+/' },
    },
    {
      name: 'runtime-not-review',
      comment: 'The machinery does not know the case ledger: scripts/ hands the web server the ledger\'s pages.',
      severity: 'error',
      from: { path: '^jobs/runtime/' },
      to: { path: '^jobs/review/' },
    },
    {
      name: 'code-not-tests',
      comment: 'test/ leans on the code, never the other way round; a helper both need belongs in the code.',
      severity: 'error',
      from: { path: '^(bots|jobs|templates|scripts|fixtures)/' },
      to: { path: '^test/' },
    },
    {
      name: 'product-only-dependencies',
      comment: 'What production runs (npm ci --omit=dev) imports only packages in dependencies; devDependencies are for bench/, build/ and tests.',
      severity: 'error',
      from: { path: '^(bots|jobs|templates|fixtures|scripts/(?!bench/|build/))' },
      to: { dependencyTypes: ['npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import the cruiser cannot resolve is one the rules above cannot see, so it would slip past them.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stays in the graph (not followed) so the rule on packages can see them.
    exclude: { path: '^(dist|var)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // conditionNames as Node's: without them subpath exports (csv-parse/sync) do not resolve.
    enhancedResolveOptions: {
      extensions: ['.ts', '.mjs', '.js', '.json'],
      conditionNames: ['import', 'require', 'node', 'default'],
      exportsFields: ['exports'],
    },
  },
};
