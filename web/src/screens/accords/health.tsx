import { useT } from '../../i18n/i18n';
import { HealthBadge } from '../../ui/components';
import type { HealthReason } from '../../api/vocabulary';
import type { AccordHealth } from './accord-types';
import { words } from './accord-words';

/** The health badge and, below it, why (the reasons the API computed, translated). */
export function HealthSummary({ health, id }: { health: AccordHealth; id?: string }) {
  return (
    <div className="health" id={id}>
      <HealthBadge level={health.level} />
      <Reasons reasons={health.reasons} />
    </div>
  );
}

/** Whether a health reason is one this screen has words for (the API may add some). */
const isKnownReason = (r: string): r is HealthReason => Object.hasOwn(words.fr, `reason_${r}`);

export function Reasons({ reasons }: { reasons: string[] }) {
  const w = useT(words);
  // "High flag open" already says a flag is open: the plain reason would repeat it.
  const shown = reasons.includes('high_flag_open')
    ? reasons.filter((r) => r !== 'flag_open')
    : reasons;
  if (shown.length === 0) return null;
  return (
    <ul className="reasons" data-testid="health-reasons">
      {shown.map((r) => (
        <li key={r}>{isKnownReason(r) ? w(`reason_${r}`) : w('reason_other')}</li>
      ))}
    </ul>
  );
}

/** The implementation score (PAM roll-up) as a percentage, or a dash before any check. */
export const scoreText = (score: number | null): string =>
  score === null ? '—' : `${Math.round(score)} %`;
