import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

const root = join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/**
 * Node.js LTS lines: when each became LTS and when it stops getting fixes
 * (the Node.js release schedule). Add the next line when it becomes LTS.
 */
const LTS_LINES: Record<number, { lts: string; endOfLife: string }> = {
  20: { lts: '2023-10-24', endOfLife: '2026-04-30' },
  22: { lts: '2024-10-29', endOfLife: '2027-04-30' },
  24: { lts: '2025-10-28', endOfLife: '2028-04-30' },
  26: { lts: '2026-10-28', endOfLife: '2029-04-30' },
};

/** The oldest Node.js the code and tests must keep running on (the development and CI machines). */
const OLDEST_SUPPORTED = '20.19.0';

function imageMajors(dockerfile: string): number[] {
  return [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map(([, image]) => {
    const match = /^node:(\d+)[-.\w]*$/.exec(image);
    if (!match) throw new Error(`not an official Node.js image: ${image}`);
    return Number(match[1]);
  });
}

describe('supported Node.js versions', () => {
  const today = new Date().toISOString().slice(0, 10);
  const majors = imageMajors(read('Dockerfile'));
  const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

  it('builds and runs the image on one Node.js line', () => {
    expect(majors.length).toBeGreaterThanOrEqual(2);
    expect(new Set(majors).size).toBe(1);
  });

  it('builds the image on a Node.js line that is still patched', () => {
    const line = LTS_LINES[majors[0]];
    expect(line).toBeDefined();
    expect(line.endOfLife > today).toBe(true);
  });

  it('builds the image on the newest LTS line', () => {
    const newest = Math.max(
      ...Object.entries(LTS_LINES)
        .filter(([, line]) => line.lts <= today)
        .map(([major]) => Number(major)),
    );
    expect(majors[0]).toBe(newest);
  });

  it('allows in package.json engines both the oldest supported Node.js and the image’s', () => {
    expect(semver.satisfies(OLDEST_SUPPORTED, engines)).toBe(true);
    expect(semver.satisfies(semver.coerce(String(majors[0]))!, engines)).toBe(true);
    expect(semver.satisfies(process.version, engines)).toBe(true);
  });

  it('says in the README which versions are supported', () => {
    const readme = read('README.md');
    expect(readme).toContain(`Node.js ${majors[0]}`);
    expect(readme).toContain(`Node.js ≥ ${OLDEST_SUPPORTED.replace(/\.0$/, '')}`);
  });
});
