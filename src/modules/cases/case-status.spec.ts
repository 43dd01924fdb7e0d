import { CASE_STATUSES, CaseStatus, decideTransition, OPEN_STATUSES } from './case-status';

const mediator = (from: CaseStatus, to: CaseStatus, before: CaseStatus | null = null) =>
  decideTransition({ from, to, statusBeforeSuspension: before, actor: 'mediator' });
const coordinator = (from: CaseStatus, to: CaseStatus, before: CaseStatus | null = null) =>
  decideTransition({ from, to, statusBeforeSuspension: before, actor: 'coordinator' });

describe('case status machine', () => {
  it.each([
    ['exploratory', 'negotiating'],
    ['negotiating', 'accord_reached'],
    ['accord_reached', 'monitoring'],
    ['monitoring', 'breaking_down'],
    ['breaking_down', 'monitoring'],
    ['breaking_down', 'collapsed'],
  ] as [CaseStatus, CaseStatus][])('allows %s → %s to anyone', (from, to) => {
    expect(mediator(from, to)).toEqual({ ok: true, statusBeforeSuspension: null });
    expect(coordinator(from, to)).toEqual({ ok: true, statusBeforeSuspension: null });
  });

  it.each(OPEN_STATUSES.map((s) => [s]))(
    'suspends %s and resumes to it, and only to it',
    (from) => {
      expect(mediator(from, 'suspended')).toEqual({ ok: true, statusBeforeSuspension: from });
      expect(mediator('suspended', from, from)).toEqual({ ok: true, statusBeforeSuspension: null });
      for (const other of OPEN_STATUSES.filter((s) => s !== from)) {
        expect(mediator('suspended', other, from)).toEqual({
          ok: false,
          error: 'invalid_transition',
        });
      }
    },
  );

  it.each([['monitoring'], ['collapsed'], ['suspended']] as [CaseStatus][])(
    'closes %s for a coordinator only',
    (from) => {
      const before = from === 'suspended' ? 'negotiating' : null;
      expect(coordinator(from, 'closed', before)).toEqual({
        ok: true,
        statusBeforeSuspension: null,
      });
      expect(mediator(from, 'closed', before)).toEqual({ ok: false, error: 'forbidden' });
    },
  );

  it.each([
    ['exploratory', 'accord_reached'],
    ['exploratory', 'monitoring'],
    ['exploratory', 'closed'],
    ['negotiating', 'exploratory'],
    ['negotiating', 'closed'],
    ['accord_reached', 'negotiating'],
    ['accord_reached', 'closed'],
    ['monitoring', 'collapsed'],
    ['monitoring', 'exploratory'],
    ['breaking_down', 'closed'],
    ['collapsed', 'monitoring'],
    ['collapsed', 'suspended'],
    ['closed', 'exploratory'],
    ['closed', 'suspended'],
    ['suspended', 'suspended'],
  ] as [CaseStatus, CaseStatus][])('refuses %s → %s (409), whoever asks', (from, to) => {
    expect(coordinator(from, to)).toEqual({ ok: false, error: 'invalid_transition' });
    expect(mediator(from, to)).toEqual({ ok: false, error: 'invalid_transition' });
  });

  it('refuses to resume a suspended case with no recorded origin', () => {
    expect(mediator('suspended', 'negotiating', null)).toEqual({
      ok: false,
      error: 'invalid_transition',
    });
  });

  it('refuses every same-state move', () => {
    for (const s of CASE_STATUSES) {
      expect(coordinator(s, s, s === 'suspended' ? 'monitoring' : null).ok).toBe(false);
    }
  });
});
