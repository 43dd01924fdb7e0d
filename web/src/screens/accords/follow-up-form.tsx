import { useMemo, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import {
  ASSESSMENT_STATUSES,
  APP_FOLLOW_UP_METHODS,
  OVERALL_JUDGEMENTS,
  type AssessmentStatus,
  type AppFollowUpMethod,
  type Indicators,
  type OverallJudgement,
} from '../../api/vocabulary';
import {
  formatDate,
  fromLocalInput,
  toLocalInput,
  useLang,
  useT,
  type Messages,
} from '../../i18n/i18n';
import { sendOrQueue } from '../../offline/outbox';
import {
  BackLink,
  ErrorMessage,
  Field,
  fieldError,
  Form,
  Loaded,
  Page,
  QueuedNotice,
} from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import type { AccordDetail, FollowUp } from './accord-types';
import { words } from './accord-words';
import { Choices } from './choices';
import { IncidentsPart, IndicatorsPart, type IncidentRow } from './follow-up-extras';
import './accords.css';

const messages = {
  fr: {
    title: 'Enregistrer un suivi',
    back: "Retour à l'accord",
    checkedAt: 'Date du contrôle',
    method: 'Comment',
    terms: 'Chaque engagement',
    termsHint: 'Pré-rempli avec le dernier suivi : ne touchez que ce qui a changé.',
    status: 'État',
    note: 'Note (facultatif)',
    noTerms: "Cet accord n'a pas encore d'engagement : ajoutez-les d'abord.",
    overall: 'Jugement d’ensemble',
    nextDue: 'Prochain suivi',
    nextDueHint: 'Par défaut : dans {n} jours, le rythme prévu par l’accord.',
    save: 'Enregistrer le suivi',
    queued:
      'Suivi enregistré sur cet appareil. Il sera envoyé dès que le réseau le permettra (voir la file d’envoi).',
    label: 'Suivi de l’accord « {kind} » du {date}',
  },
  en: {
    title: 'Record a follow-up',
    back: 'Back to the accord',
    checkedAt: 'Date of the check',
    method: 'How',
    terms: 'Each term',
    termsHint: 'Prefilled with the last check: change only what changed.',
    status: 'State',
    note: 'Note (optional)',
    noTerms: 'This accord has no terms yet: add them first.',
    overall: 'Overall judgement',
    nextDue: 'Next check',
    nextDueHint: 'By default: in {n} days, the accord’s pace.',
    save: 'Save the follow-up',
    queued:
      'Follow-up saved on this device. It will be sent as soon as the network allows (see the outbox).',
    label: 'Follow-up of the “{kind}” accord, {date}',
  },
} satisfies Messages<string>;

const DAY_MS = 86_400_000;
const dateInput = (d: Date): string => toLocalInput(d).slice(0, 10);

/** The method used most often on this accord's earlier checks in the app (a visit before any). */
function mostCommonMethod(items: FollowUp[]): AppFollowUpMethod {
  const counts = new Map<AppFollowUpMethod, number>();
  for (const f of items) {
    if (f.method !== 'sms') counts.set(f.method, (counts.get(f.method) ?? 0) + 1);
  }
  let best: AppFollowUpMethod = 'visit';
  for (const [m, n] of counts) if (n > (counts.get(best) ?? 0)) best = m;
  return best;
}

export default function FollowUpForm() {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const { id = '' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  // The same paths as the accord page: both are kept on the device, so this form opens offline.
  const accord = useApi<AccordDetail>(`/accords/${id}`, { keep: true });
  const history = usePaged<FollowUp>(`/accords/${id}/follow-ups`, { keep: true });
  const followUpId = useMemo(() => crypto.randomUUID(), []);

  const [checkedAt, setCheckedAt] = useState(() => toLocalInput(new Date()));
  const [method, setMethod] = useState<AppFollowUpMethod | null>(null);
  const [statuses, setStatuses] = useState<Record<string, AssessmentStatus>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [indicators, setIndicators] = useState<Indicators>({});
  const [incidents, setIncidents] = useState<IncidentRow[]>([]);
  const [overall, setOverall] = useState<OverallJudgement | null>(null);
  const [nextDue, setNextDue] = useState<string | null>(null);
  const action = useAction();
  const error = action.error;
  const [queued, setQueued] = useState(false);

  const chosenMethod = method ?? mostCommonMethod(history.items);
  const interval = accord.data?.followUpIntervalDays ?? 30;
  const defaultNextDue = checkedAt
    ? dateInput(new Date(new Date(checkedAt).getTime() + interval * DAY_MS))
    : '';
  const statusOf = (a: AccordDetail, termId: string): AssessmentStatus =>
    statuses[termId] ?? a.terms.find((x) => x.id === termId)?.latestAssessment?.status ?? 'unknown';
  const errorOf = (field: string) => fieldError(error, field);

  const submit = (a: AccordDetail) => {
    if (!overall) return;
    const due = nextDue ?? defaultNextDue;
    const body = {
      id: followUpId,
      checkedAt: fromLocalInput(checkedAt),
      method: chosenMethod,
      assessments: a.terms.map((term) => ({
        termId: term.id,
        status: statusOf(a, term.id),
        note: notes[term.id]?.trim() || undefined,
      })),
      indicators: Object.keys(indicators).length > 0 ? indicators : undefined,
      incidents:
        incidents.length > 0
          ? incidents.map((i) => ({
              type: i.type,
              occurredAt: fromLocalInput(i.occurredAt),
              fatalities: Number(i.fatalities || 0),
              perpetratorKind: i.perpetratorKind.trim() || undefined,
              verification: i.verification,
            }))
          : undefined,
      overall,
      // Noon local time: the day chosen stays that day in any time zone nearby.
      nextCheckDue: due ? new Date(`${due}T12:00`).toISOString() : undefined,
    };
    const label = t('label', { kind: w(`kind_${a.kind}`), date: formatDate(body.checkedAt, lang) });
    void action.run(async () => {
      const result = await sendOrQueue(
        { method: 'POST', path: `/accords/${id}/follow-ups`, body },
        label,
      );
      if (result.queued) setQueued(true);
      else navigate(`/accords/${id}`);
    });
  };

  if (queued)
    return (
      <Page title={t('title')}>
        <QueuedNotice
          message={t('queued')}
          testId="follow-up-queued"
          back={{ href: `/accords/${id}`, label: t('back') }}
        />
      </Page>
    );

  return (
    <Page title={t('title')}>
      <BackLink href={`/accords/${id}`}>{t('back')}</BackLink>
      <Loaded state={accord}>
        {(a) => (
          <Form onSubmit={() => submit(a)}>
            <Field label={t('checkedAt')} error={fieldError(error, 'checkedAt')}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  required
                  value={checkedAt}
                  onChange={(e) => setCheckedAt(e.target.value)}
                />
              )}
            </Field>
            <Choices
              legend={t('method')}
              name="method"
              values={APP_FOLLOW_UP_METHODS}
              value={chosenMethod}
              label={(m) => w(`method_${m}`)}
              onChange={setMethod}
            />
            <h2>{t('terms')}</h2>
            {a.terms.length === 0 ? (
              <p className="alert alert-warning">{t('noTerms')}</p>
            ) : (
              <p className="hint">{t('termsHint')}</p>
            )}
            {a.terms.map((term, index) => (
              <Choices
                key={term.id}
                className="term-check choices-violated"
                legend={`${index + 1}. ${w(`category_${term.category}`)}`}
                name={`status-${term.id}`}
                values={ASSESSMENT_STATUSES}
                value={statusOf(a, term.id)}
                label={(s) => w(`status_${s}`)}
                onChange={(s) => setStatuses((prev) => ({ ...prev, [term.id]: s }))}
                footer={
                  <details className="more">
                    <summary>{t('note')}</summary>
                    <Field label={t('note')}>
                      {(p) => (
                        <textarea
                          {...p}
                          maxLength={2000}
                          value={notes[term.id] ?? ''}
                          onChange={(e) =>
                            setNotes((prev) => ({ ...prev, [term.id]: e.target.value }))
                          }
                        />
                      )}
                    </Field>
                  </details>
                }
              >
                <p className="term-text">{term.text}</p>
                {errorOf(`assessments.${index}`) && (
                  <p className="field-error">{errorOf(`assessments.${index}`)}</p>
                )}
              </Choices>
            ))}
            <IndicatorsPart value={indicators} onChange={setIndicators} />
            <IncidentsPart rows={incidents} onChange={setIncidents} errorOf={errorOf} />
            <Choices
              legend={t('overall')}
              name="overall"
              values={OVERALL_JUDGEMENTS}
              value={overall}
              required
              label={(o) => w(`overall_${o}`)}
              onChange={setOverall}
            />
            <Field
              label={t('nextDue')}
              hint={t('nextDueHint', { n: interval })}
              error={fieldError(error, 'nextCheckDue')}
            >
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={nextDue ?? defaultNextDue}
                  onChange={(e) => setNextDue(e.target.value)}
                />
              )}
            </Field>
            <ErrorMessage
              error={error}
              shownFields={['checkedAt', 'nextCheckDue', 'assessments', 'incidents']}
            />
            <button
              type="submit"
              className="primary"
              disabled={action.busy || a.terms.length === 0}
            >
              {t('save')}
            </button>
          </Form>
        )}
      </Loaded>
    </Page>
  );
}
