import {
  accordHealth,
  AccordHealthInput,
  daysOverdue,
  HealthCheck,
  implementationScore,
  termScore,
} from './accord-health';

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00.000Z');
const ago = (days: number): Date => new Date(NOW.getTime() - days * DAY);

function check(overrides: Partial<HealthCheck> = {}): HealthCheck {
  return {
    overall: 'stable',
    nextCheckDue: new Date(NOW.getTime() + 10 * DAY),
    indicators: {},
    assessments: [
      { termId: 't1', status: 'full' },
      { termId: 't2', status: 'full' },
    ],
    ...overrides,
  };
}

function input(overrides: Partial<AccordHealthInput> = {}): AccordHealthInput {
  return {
    caseStatus: 'monitoring',
    concludedAt: ago(20),
    followUpIntervalDays: 30,
    openFlags: [],
    lastCheck: check(),
    previousCheck: null,
    incidents: [],
    ...overrides,
  };
}

describe('termScore and implementationScore (PAM roll-up)', () => {
  it('scores the PAM scale, violated as 0, unknown as not assessed', () => {
    expect(termScore('not_initiated')).toBe(0);
    expect(termScore('minimal')).toBe(1);
    expect(termScore('intermediate')).toBe(2);
    expect(termScore('full')).toBe(3);
    expect(termScore('violated')).toBe(0);
    expect(termScore('unknown')).toBeNull();
  });

  it('is sum / (3 × assessed terms) × 100', () => {
    expect(implementationScore(['full', 'full', 'full', 'full'])).toBe(100);
    expect(implementationScore(['full', 'full', 'full', 'violated'])).toBe(75);
    expect(implementationScore(['minimal', 'intermediate', 'unknown'])).toBe(50);
    expect(implementationScore(['minimal', 'full', 'full'])).toBe(77.78);
  });

  it('is null when no term was assessed', () => {
    expect(implementationScore([])).toBeNull();
    expect(implementationScore(['unknown', 'unknown'])).toBeNull();
  });
});

describe('accordHealth', () => {
  it('is stable when no rule fires', () => {
    expect(accordHealth(input(), NOW)).toEqual({ level: 'stable', reasons: [] });
  });

  it('is broken when the case collapsed', () => {
    const health = accordHealth(input({ caseStatus: 'collapsed' }), NOW);
    expect(health).toEqual({ level: 'broken', reasons: ['case_collapsed'] });
  });

  it('broken wins over at_risk and lists every reason', () => {
    const health = accordHealth(
      input({ caseStatus: 'collapsed', openFlags: [{ severity: 'high' }] }),
      NOW,
    );
    expect(health.level).toBe('broken');
    expect(health.reasons).toEqual(['case_collapsed', 'high_flag_open', 'flag_open']);
  });

  describe('at_risk', () => {
    it('an open high flag', () => {
      expect(accordHealth(input({ openFlags: [{ severity: 'high' }] }), NOW)).toEqual({
        level: 'at_risk',
        reasons: ['high_flag_open', 'flag_open'],
      });
    });

    it('last check breaking_down', () => {
      expect(accordHealth(input({ lastCheck: check({ overall: 'breaking_down' }) }), NOW)).toEqual({
        level: 'at_risk',
        reasons: ['last_check_breaking_down'],
      });
    });

    it('a term violated in the last check', () => {
      const lastCheck = check({
        assessments: [
          { termId: 't1', status: 'full' },
          { termId: 't2', status: 'violated' },
        ],
      });
      expect(accordHealth(input({ lastCheck }), NOW)).toEqual({
        level: 'at_risk',
        reasons: ['term_violated'],
      });
    });

    it('a violation in an older check only is not counted', () => {
      const previousCheck = { assessments: [{ termId: 't1', status: 'violated' as const }] };
      expect(accordHealth(input({ previousCheck }), NOW).level).toBe('stable');
    });

    it('a fatal incident exactly 30 days ago counts; 30 days and 1 ms ago does not', () => {
      const exactly = accordHealth(
        input({ incidents: [{ occurredAt: ago(30), fatalities: 2 }] }),
        NOW,
      );
      expect(exactly).toEqual({
        level: 'at_risk',
        reasons: ['fatal_incident_30d', 'incident_30d'],
      });
      const older = accordHealth(
        input({ incidents: [{ occurredAt: new Date(ago(30).getTime() - 1), fatalities: 2 }] }),
        NOW,
      );
      expect(older).toEqual({ level: 'stable', reasons: [] });
    });
  });

  describe('watch', () => {
    it('follow-up overdue: nextCheckDue yesterday', () => {
      expect(accordHealth(input({ lastCheck: check({ nextCheckDue: ago(1) }) }), NOW)).toEqual({
        level: 'watch',
        reasons: ['follow_up_overdue'],
      });
    });

    it('a check due exactly today (even earlier today) is not overdue', () => {
      const earlierToday = new Date('2026-06-15T00:00:00.000Z');
      expect(accordHealth(input({ lastCheck: check({ nextCheckDue: NOW }) }), NOW).level).toBe(
        'stable',
      );
      expect(
        accordHealth(input({ lastCheck: check({ nextCheckDue: earlierToday }) }), NOW).level,
      ).toBe('stable');
      expect(daysOverdue(earlierToday, NOW)).toBe(0);
      expect(daysOverdue(new Date('2026-06-14T23:59:59.999Z'), NOW)).toBe(1);
    });

    it('never checked: overdue once followUpIntervalDays have passed since conclusion', () => {
      const dueToday = input({ lastCheck: null, concludedAt: ago(30) });
      expect(accordHealth(dueToday, NOW)).toEqual({ level: 'stable', reasons: [] });
      const dueYesterday = input({ lastCheck: null, concludedAt: ago(31) });
      expect(accordHealth(dueYesterday, NOW)).toEqual({
        level: 'watch',
        reasons: ['follow_up_overdue'],
      });
      const shortInterval = input({
        lastCheck: null,
        concludedAt: ago(8),
        followUpIntervalDays: 7,
      });
      expect(accordHealth(shortInterval, NOW).reasons).toEqual(['follow_up_overdue']);
    });

    it("a term's score dropped since the previous check", () => {
      const previousCheck = {
        assessments: [
          { termId: 't1', status: 'full' as const },
          { termId: 't2', status: 'full' as const },
        ],
      };
      const lastCheck = check({
        assessments: [
          { termId: 't1', status: 'full' },
          { termId: 't2', status: 'intermediate' },
        ],
      });
      expect(accordHealth(input({ previousCheck, lastCheck }), NOW)).toEqual({
        level: 'watch',
        reasons: ['term_score_dropped'],
      });
    });

    it('unknown and newly assessed terms are not a drop; a rise is not a drop', () => {
      const previousCheck = {
        assessments: [
          { termId: 't1', status: 'minimal' as const },
          { termId: 't2', status: 'unknown' as const },
        ],
      };
      const lastCheck = check({
        assessments: [
          { termId: 't1', status: 'full' },
          { termId: 't2', status: 'not_initiated' },
          { termId: 't3', status: 'unknown' },
        ],
      });
      expect(accordHealth(input({ previousCheck, lastCheck }), NOW).level).toBe('stable');
    });

    it('an incident without fatalities in the last 30 days', () => {
      expect(
        accordHealth(input({ incidents: [{ occurredAt: ago(30), fatalities: 0 }] }), NOW),
      ).toEqual({ level: 'watch', reasons: ['incident_30d'] });
      expect(
        accordHealth(input({ incidents: [{ occurredAt: ago(31), fatalities: 0 }] }), NOW).level,
      ).toBe('stable');
    });

    it('any open flag below high', () => {
      expect(accordHealth(input({ openFlags: [{ severity: 'low' }] }), NOW)).toEqual({
        level: 'watch',
        reasons: ['flag_open'],
      });
      expect(accordHealth(input({ openFlags: [{ severity: 'medium' }] }), NOW).level).toBe('watch');
    });

    it('threats against mediators reported at the last check', () => {
      const lastCheck = check({ indicators: { threats_against_mediators: 'yes' } });
      expect(accordHealth(input({ lastCheck }), NOW)).toEqual({
        level: 'watch',
        reasons: ['threats_against_mediators'],
      });
      const unknown = check({ indicators: { threats_against_mediators: 'unknown' } });
      expect(accordHealth(input({ lastCheck: unknown }), NOW).level).toBe('stable');
    });
  });

  it('at_risk wins over watch and both reasons are listed', () => {
    const lastCheck = check({
      nextCheckDue: ago(3),
      assessments: [{ termId: 't1', status: 'violated' }],
    });
    expect(accordHealth(input({ lastCheck }), NOW)).toEqual({
      level: 'at_risk',
      reasons: ['term_violated', 'follow_up_overdue'],
    });
  });
});
