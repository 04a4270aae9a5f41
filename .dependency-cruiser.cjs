// The layers of the tree (README "Folders"), checked by `npm run check:layers` in CI so a
// wrong import fails the build instead of eroding the picture silently. Lower layers never
// import higher ones:
//
//   domain  ◄── db  ◄── pipeline  ◄── api  ◄── cli, bench  (tests: anything; testkit: shared by tests and bench)
//     ▲                               │
//     └──────── reports ◄─────────────┘        dashboard: domain + `import type` from api
//
// reports/ is the official forms as a layer of its own, touching no database and no HTTP:
//   - reports/typeset/: Thai typesetting — fonts, line breaking, layout, chart SVG, pdfmake rendering;
//   - reports/forms/: the form builders (pdfmake document definitions from plain data).
// Both may import only `domain` and each other. api/reports/documents/** is NOT in this layer:
// it reads the database and checks roles before a form is built, so it is `api`.

const REPORTS = '^reports/';
// Every folder of ours; a dependency outside these (node_modules, node: builtins) is not a layer.
const OURS = '^(domain|db|pipeline|reports|api|cli|dashboard|bench|tests|testkit|bin)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'domain/ is pure vocabulary and rules; it may import only other domain files.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: OURS, pathNot: '^domain/' },
    },
    {
      name: 'domain-has-no-io',
      comment: 'domain/ is pure (no I/O): no Node built-ins such as node:fs or node:crypto.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'db-imports-only-domain',
      comment: 'db/ (schema, createDb, migrate) may import only domain.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: OURS, pathNot: '^(db|domain)/' },
    },
    {
      name: 'pipeline-imports-only-domain-and-db',
      comment: 'pipeline/ (read, normalise, validate, load) may import only domain and db — never api.',
      severity: 'error',
      from: { path: '^pipeline/' },
      to: { path: OURS, pathNot: '^(pipeline|domain|db)/' },
    },
    {
      name: 'reports-imports-only-domain',
      comment:
        'The report forms and Thai typesetting (reports/forms, reports/typeset) read no ' +
        'database and serve no HTTP: ' +
        'they may import only domain and each other; the data behind a form comes from api.',
      severity: 'error',
      from: { path: REPORTS },
      to: { path: OURS, pathNot: `^domain/|${REPORTS}` },
    },
    {
      name: 'api-imports-nothing-above-it',
      comment: 'api/ may import domain, db, pipeline and reports — not cli, bench, tests or the browser app.',
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^(cli|bench|tests|bin|dashboard)/', pathNot: REPORTS },
    },
    {
      name: 'cli-and-bench-do-not-import-tests',
      comment:
        'cli/ and bench/ sit on top and may import anything but the test suites; what a bench ' +
        'shares with the tests (server process, bad and hostile input files) lives in testkit/.',
      severity: 'error',
      from: { path: '^(cli|bench|bin)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'testkit-imports-no-tests-bench-or-cli',
      comment: 'testkit/ serves tests and bench alike, so it imports neither of them (nor cli).',
      severity: 'error',
      from: { path: '^testkit/' },
      to: { path: '^(tests|bench|cli|bin)/' },
    },
    {
      name: 'app-does-not-import-testkit',
      comment: 'testkit/ is for tests and benchmarks; the application never imports it.',
      severity: 'error',
      from: { path: '^(domain|db|pipeline|api|cli|dashboard|bin)/' },
      to: { path: '^testkit/' },
    },
    {
      name: 'dashboard-imports-no-server-code',
      comment: 'The browser app may import domain, and from api only types (`import type`).',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: { path: OURS, pathNot: '^(dashboard|domain|api)/' },
    },
    {
      name: 'dashboard-imports-only-types-from-api',
      comment: 'A value import from api/ would pull server code into the browser bundle; use `import type`.',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: { path: '^api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'dashboard-has-no-node-builtins',
      comment: 'The browser app runs in the browser: no node: built-ins (its build tools and Vite config excepted).',
      severity: 'error',
      from: { path: '^dashboard/', pathNot: '^dashboard/(tools/|vite[.]config[.]ts$)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'Our own files form no import cycle (a cycle makes load order and layering meaningless).',
      severity: 'error',
      from: { path: OURS },
      to: { path: OURS, circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every relative import resolves to a file.',
      severity: 'error',
      from: { path: OURS },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // tests/fixtures/layers/ holds deliberately wrong imports for tests/architecture/layers.test.ts.
    exclude: { path: '^(node_modules|data|dist|artifacts|migrations|tests/fixtures/layers)/' },
    // `import type` must be seen (it is erased from the JS) to allow exactly those from the dashboard.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
