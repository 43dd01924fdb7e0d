import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ERASURE_REGISTER_FILE,
  ErasureRegister,
  mergeErasureRegisters,
  parseErasureRegister,
} from './erasure-register';

const A = '6f1d1a4e-0000-4000-8000-00000000000a';
const B = '6f1d1a4e-0000-4000-8000-00000000000b';
const C = '6f1d1a4e-0000-4000-8000-00000000000c';

describe('erasure register', () => {
  it('merges registers as a union: every id once, none lost, blank lines and spaces ignored', () => {
    expect(mergeErasureRegisters(`${A}\n${B}\n`, '', ` ${B.toUpperCase()} \n\n${C}`)).toBe(
      `${A}\n${B}\n${C}\n`,
    );
    expect(mergeErasureRegisters('', '')).toBe('');
  });

  it('refuses a line that is not a case id (a wrong file given with --erased)', () => {
    expect(() => parseErasureRegister(`${A}\nBoureima Maïga\n`)).toThrow(/not an erasure register/);
    expect(() => mergeErasureRegisters(`${A}\n`, '{"current":"k1"}')).toThrow();
  });

  it('is read again when another process appends to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'toguna-register-'));
    try {
      const register = new ErasureRegister(dir);
      register.add(A);
      expect(register.has(B)).toBe(false);
      writeFileSync(join(dir, ERASURE_REGISTER_FILE), `${A}\n${B}\n`);
      await new Promise((r) => setTimeout(r, 1100));
      expect(register.has(B)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
