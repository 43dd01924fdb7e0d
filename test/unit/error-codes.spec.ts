import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import '../../src/app.module';
import { defineErrors, describeError, errorCodes } from '../../src/common/http/error-catalogue';

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('error codes', () => {
  it('are all registered once the application is loaded: every code the source throws has its words', () => {
    const thrown = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/AppError\(\s*'([a-z_]+)'/g))
        thrown.add(match[1]);
    }
    const registered = new Set(errorCodes());
    expect(thrown.size).toBeGreaterThan(30);
    expect([...thrown].filter((code) => !registered.has(code))).toEqual([]);
    for (const code of registered) {
      for (const language of ['fr', 'en'] as const) {
        const text = describeError(code as never, language);
        expect(text.title.length).toBeGreaterThan(0);
        expect(text.detail.length).toBeGreaterThan(0);
      }
    }
  });

  it('have one owner each: a feature that defines a code another owns stops at load', () => {
    const text = { title: 'x', detail: 'x' };
    expect(() =>
      defineErrors('some-feature', { not_found: { status: 404, en: text, fr: text } }),
    ).toThrow(/"not_found" of some-feature is already defined by common/);
  });
});
