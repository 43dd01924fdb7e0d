/**
 * The layers of src/ (ARCHITECTURE.md), kept by `npm run lint:deps` in CI:
 *
 *   app (main, app.factory, app.module, openapi, cli/, web/)
 *     → features, each importing only features below it (FEATURES, lowest first)
 *       → database (plumbing that knows no feature)
 *         → common
 *           → config
 *
 * A feature is used by others only through its `index.ts`; no cycles.
 */

/** The feature modules (src/modules/<name>), lowest first: each may import only those before it. */
const FEATURES = [
  'health',
  'backups',
  'areas',
  'organisations',
  'notifications',
  'sms-outbox',
  'sessions',
  'users',
  'phones',
  'cases',
  'registry',
  'case-members',
  'mission-orders',
  'meetings',
  'accords',
  'sms',
  'sms-reminders',
  'dashboard',
  'auth',
  'disclosure-report',
];

const feature = (name) => `^src/modules/${name}/`;
const APP = '^src/(main|app\\.factory|app\\.module|app\\.entities|openapi)\\.ts$|^src/(cli|web)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other in a loop cannot be read, tested or moved apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'config-is-the-ground',
      severity: 'error',
      comment: 'config/ reads the environment and knows nothing else of the application.',
      from: { path: '^src/config/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'common-knows-no-feature',
      severity: 'error',
      comment: 'common/ (access, audit, crypto, http, logging, rate limits) is used by every feature.',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/(common|config)/' },
    },
    {
      name: 'database-knows-no-feature',
      severity: 'error',
      comment: 'database/ is plumbing: each feature module registers its own entities.',
      from: { path: '^src/database/' },
      to: { path: '^src/', pathNot: '^src/(database|common|config)/' },
    },
    {
      name: 'features-do-not-reach-the-app',
      severity: 'error',
      comment: 'Only the app layer wires modules together.',
      from: { path: '^src/modules/' },
      to: { path: APP },
    },
    ...FEATURES.map((name, i) => ({
      name: `${name}-imports-only-lower-features`,
      severity: 'error',
      comment:
        'A lower feature that must tell a higher one something publishes an event or calls a ' +
        'port that the higher module implements; it does not import it.',
      from: { path: feature(name) },
      to: {
        path: `^src/modules/(${FEATURES.slice(i + 1).join('|') || '$^'})/`,
      },
    })),
    {
      name: 'only-through-a-feature-index',
      severity: 'error',
      comment:
        "Another feature's files are its own: import what it offers from its index.ts, or " +
        'the words it shares without loading its module (statuses, types: vocabulary.ts).',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/.+',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|vocabulary)\\.ts$'],
      },
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      comment: 'The application runs with production dependencies only.',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
