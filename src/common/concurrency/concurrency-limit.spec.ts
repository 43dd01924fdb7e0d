import { availableParallelism } from 'node:os';
import { ConcurrencyLimit } from './concurrency-limit';

const tick = () => new Promise((r) => setImmediate(r));

describe('ConcurrencyLimit', () => {
  it('never runs more than `limit` tasks at once, and runs them all in arrival order', async () => {
    const limit = new ConcurrencyLimit(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        limit.run(async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          expect(limit.running).toBeLessThanOrEqual(3);
          await new Promise((r) => setTimeout(r, (i * 7) % 5));
          running--;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(limit.running).toBe(0);
    expect(limit.queued).toBe(0);
  });

  it('queues the rest while the slots are taken, and a failing task frees its slot', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates: (() => void)[] = [];
    const gated = () => limit.run(() => new Promise<void>((resolve) => gates.push(resolve)));
    const a = gated();
    const b = limit.run(() => Promise.reject(new Error('argon2 failed')));
    const c = gated();
    await tick();
    expect(limit.running).toBe(2);
    await expect(b).rejects.toThrow('argon2 failed');
    await tick();
    // b's slot went to c; a and c now run, nothing waits.
    expect(limit.running).toBe(2);
    expect(limit.queued).toBe(0);
    const d = gated();
    await tick();
    expect(limit.queued).toBe(1);
    gates.shift()!();
    await a;
    await tick();
    expect(limit.running).toBe(2);
    expect(limit.queued).toBe(0);
    while (gates.length) gates.shift()!();
    await Promise.all([c, d]);
    expect(limit.running).toBe(0);
  });

  it('defaults to the number of cores and refuses a limit below one', () => {
    expect(new ConcurrencyLimit().limit).toBe(availableParallelism());
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
