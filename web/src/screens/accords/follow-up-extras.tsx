import { toLocalInput, useT, type Messages } from '../../i18n/i18n';
import { Field } from '../../ui/components';
import {
  INCIDENT_TYPES,
  INDICATORS,
  TRISTATE,
  VERIFICATIONS,
  type Indicator,
  type IncidentType,
  type Tristate,
  type Verification,
} from './accord-types';
import { words } from './accord-words';

const messages = {
  fr: {
    indicators: 'Indicateurs (facultatif)',
    notAsked: '— Non renseigné —',
    incidents: 'Incidents',
    noIncident: 'Aucun incident signalé.',
    addIncident: 'Ajouter un incident',
    incident: 'Incident {n}',
    type: 'Type',
    occurredAt: 'Survenu le',
    fatalities: 'Morts',
    perpetrator: 'Auteur présumé (type de groupe)',
    verification: 'Vérification',
    remove: "Retirer l'incident {n}",
  },
  en: {
    indicators: 'Indicators (optional)',
    notAsked: '— Not answered —',
    incidents: 'Incidents',
    noIncident: 'No incident reported.',
    addIncident: 'Add an incident',
    incident: 'Incident {n}',
    type: 'Type',
    occurredAt: 'Occurred on',
    fatalities: 'Deaths',
    perpetrator: 'Presumed perpetrator (kind of group)',
    verification: 'Verification',
    remove: 'Remove incident {n}',
  },
} satisfies Messages<string>;

export type IndicatorValues = Partial<Record<Indicator, Tristate>>;

/** The CEWARN-style indicators, folded away: most checks skip them. */
export function IndicatorsPart({
  value,
  onChange,
}: {
  value: IndicatorValues;
  onChange: (v: IndicatorValues) => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  return (
    <details className="more">
      <summary>{t('indicators')}</summary>
      <div className="grid-2">
        {INDICATORS.map((i) => (
          <Field key={i} label={w(`indicator_${i}`)}>
            {(p) => (
              <select
                {...p}
                value={value[i] ?? ''}
                onChange={(e) => {
                  const next = { ...value };
                  if (e.target.value) next[i] = e.target.value as Tristate;
                  else delete next[i];
                  onChange(next);
                }}
              >
                <option value="">{t('notAsked')}</option>
                {TRISTATE.map((v) => (
                  <option key={v} value={v}>
                    {w(`tristate_${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
    </details>
  );
}

export interface IncidentRow {
  key: string;
  type: IncidentType;
  occurredAt: string;
  fatalities: string;
  perpetratorKind: string;
  verification: Verification;
}

export const newIncident = (): IncidentRow => ({
  key: crypto.randomUUID(),
  type: 'threat_intimidation',
  occurredAt: toLocalInput(new Date()),
  fatalities: '0',
  perpetratorKind: '',
  verification: 'unverified',
});

/** Incidents since the last check: none by default, one row per tap on "add". */
export function IncidentsPart({
  rows,
  onChange,
  errorOf,
}: {
  rows: IncidentRow[];
  onChange: (rows: IncidentRow[]) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const t = useT(messages);
  const w = useT(words);
  const set = (key: string, patch: Partial<IncidentRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>{t('incidents')}</legend>
      {rows.length === 0 && <p className="muted">{t('noIncident')}</p>}
      {rows.map((r, index) => (
        <div
          key={r.key}
          className="card incident-row"
          role="group"
          aria-label={t('incident', { n: index + 1 })}
        >
          <p className="card-title">{t('incident', { n: index + 1 })}</p>
          <div className="grid-2">
            <Field label={t('type')} error={errorOf(`incidents.${index}.type`)}>
              {(p) => (
                <select
                  {...p}
                  value={r.type}
                  onChange={(e) => set(r.key, { type: e.target.value as IncidentType })}
                >
                  {INCIDENT_TYPES.map((v) => (
                    <option key={v} value={v}>
                      {w(`incident_${v}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('occurredAt')} error={errorOf(`incidents.${index}.occurredAt`)}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  required
                  value={r.occurredAt}
                  onChange={(e) => set(r.key, { occurredAt: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('fatalities')} error={errorOf(`incidents.${index}.fatalities`)}>
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={r.fatalities}
                  onChange={(e) => set(r.key, { fatalities: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('verification')} error={errorOf(`incidents.${index}.verification`)}>
              {(p) => (
                <select
                  {...p}
                  value={r.verification}
                  onChange={(e) => set(r.key, { verification: e.target.value as Verification })}
                >
                  {VERIFICATIONS.map((v) => (
                    <option key={v} value={v}>
                      {w(`verification_${v}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label={t('perpetrator')} error={errorOf(`incidents.${index}.perpetratorKind`)}>
            {(p) => (
              <input
                {...p}
                maxLength={100}
                value={r.perpetratorKind}
                onChange={(e) => set(r.key, { perpetratorKind: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="danger"
            onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
          >
            {t('remove', { n: index + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, newIncident()])}>
        {t('addIncident')}
      </button>
    </fieldset>
  );
}
