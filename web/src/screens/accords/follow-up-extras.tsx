import {
  INCIDENT_TYPES,
  INDICATOR_KEYS,
  INDICATOR_VALUES,
  VERIFICATIONS,
  type IncidentType,
  type Indicators,
  type Verification,
} from '../../api/vocabulary';
import { toLocalInput, useT, type Messages } from '../../i18n/i18n';
import { Field } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
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

/** The CEWARN-style indicators, folded away: most checks skip them. */
export function IndicatorsPart({
  value,
  onChange,
}: {
  value: Indicators;
  onChange: (v: Indicators) => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  return (
    <details className="more">
      <summary>{t('indicators')}</summary>
      <div className="grid-2">
        {INDICATOR_KEYS.map((i) => (
          <Field key={i} label={w(`indicator_${i}`)}>
            {(p) => (
              <EnumSelect
                {...p}
                values={INDICATOR_VALUES}
                value={value[i] ?? ''}
                empty={t('notAsked')}
                label={(v) => w(`tristate_${v}`)}
                onChange={(v) => {
                  const next = { ...value };
                  if (v) next[i] = v;
                  else delete next[i];
                  onChange(next);
                }}
              />
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
                <EnumSelect
                  {...p}
                  values={INCIDENT_TYPES}
                  value={r.type}
                  label={(v) => w(`incident_${v}`)}
                  onChange={(type) => type && set(r.key, { type })}
                />
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
                <EnumSelect
                  {...p}
                  values={VERIFICATIONS}
                  value={r.verification}
                  label={(v) => w(`verification_${v}`)}
                  onChange={(verification) => verification && set(r.key, { verification })}
                />
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
