/**
 * `npm test [-- <jest options>]`: the API suite (unit and e2e, jest.config.js),
 * then the web app's browser suite (jest.web.config.js) after building the
 * web app. The browser suite needs Chromium: when none is found it says so
 * loudly and is skipped, which fails the run only when CI is set.
 *
 * Options go to both suites; `--outputFile=<f>.json` (with --json) writes the
 * browser suite's results to `<f>.web.json`. Test paths or --selectProjects
 * name API tests: the browser suite is then left out (npm run test:web runs it).
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const JEST = require.resolve('jest/bin/jest');
const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
/** Jest options followed by a value in the next argument (not a test path). */
const TAKES_VALUE = new Set([
  '-t',
  '--testNamePattern',
  '--outputFile',
  '-c',
  '--config',
  '-w',
  '--maxWorkers',
  '--testTimeout',
  '--shard',
  '--seed',
  '--reporters',
  '--testPathIgnorePatterns',
]);

const args = process.argv.slice(2);
const inCi = Boolean(process.env.CI) && !['0', 'false'].includes(process.env.CI.toLowerCase());

function run(command, commandArgs, env = process.env) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Whether the arguments name particular API tests (paths, projects). */
function namesApiTests(list) {
  for (let i = 0; i < list.length; i++) {
    const arg = list[i];
    if (arg === '--selectProjects' || arg.startsWith('--selectProjects=')) return true;
    if (TAKES_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return true;
  }
  return false;
}

/** The same options, the browser suite's results written beside the API suite's. */
function browserArgs(list) {
  return list.map((arg, i) => {
    if (arg.startsWith('--outputFile=')) return `--outputFile=${webOutput(arg.slice(13))}`;
    if (list[i - 1] === '--outputFile') return webOutput(arg);
    return arg;
  });
}
const webOutput = (file) => file.replace(/(\.json)?$/, '.web.json');

function findChromium() {
  if (process.env.CHROMIUM_PATH)
    return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

function warnNoChromium() {
  const line = '='.repeat(78);
  console.error(
    [
      '',
      line,
      ' THE BROWSER TESTS WERE NOT RUN: no Chromium found',
      process.env.CHROMIUM_PATH
        ? ` (CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist).`
        : ` (CHROMIUM_PATH unset; none at ${CHROMIUM_CANDIDATES.join(', ')}).`,
      ' The API suite above ran; the web app (test/web) was not tested.',
      ' To run them, install Chromium, then npm test again (or only npm run test:web):',
      '     apt-get install -y chromium          (Debian, Ubuntu; as root)',
      ' or set CHROMIUM_PATH to a Chromium or Chrome binary.',
      inCi ? ' CI is set: this run fails.' : ' (With CI set, this run would fail.)',
      line,
      '',
    ].join('\n'),
  );
}

const apiStatus = run(process.execPath, [JEST, ...args]);

if (namesApiTests(args)) {
  console.log('\nnpm test: API tests named, browser suite left out (npm run test:web runs it).');
  process.exit(apiStatus);
}

const chromium = findChromium();
if (!chromium) {
  warnNoChromium();
  process.exit(apiStatus !== 0 ? apiStatus : inCi ? 1 : 0);
}

console.log(`\nnpm test: browser suite in ${chromium}; building the web app first.`);
let webStatus = run('npm', ['run', 'build', '-w', 'web']);
if (webStatus === 0) {
  webStatus = run(process.execPath, [JEST, '-c', 'jest.web.config.js', ...browserArgs(args)], {
    ...process.env,
    CHROMIUM_PATH: chromium,
  });
}
process.exit(apiStatus !== 0 ? apiStatus : webStatus);
