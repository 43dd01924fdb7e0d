import { useState } from 'react';
import { Link, useParams } from 'wouter';
import type { Page as ApiPage } from '../../api/types';
import { useSignedInUser } from '../../auth/session';
import { formatDate, formatDateTime, useLang, useT, type Messages } from '../../i18n/i18n';
import { BackLink, Loaded, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import type { AccordDetail, Party } from './accord-types';
import { words } from './accord-words';
import { FlagList, isOpenFlag, RaiseFlagForm } from './flags';
import { FollowUpList } from './follow-up-list';
import { HealthSummary, scoreText } from './health';
import { TermForm } from './term-form';
import { TermList } from './term-list';
import './accords.css';

const messages = {
  fr: {
    title: 'Accord',
    titleOf: 'Accord : {kind}',
    back: 'Retour au dossier',
    health: "Santé de l'accord",
    recordFollowUp: 'Enregistrer un suivi',
    facts: 'Détails',
    concludedAt: 'Conclu le',
    form: 'Forme',
    mechanism: 'Mécanisme de suivi',
    interval: 'Rythme de suivi',
    everyDays: 'tous les {n} jours',
    lastCheck: 'Dernier suivi',
    nextDue: 'Prochain suivi dû',
    score: 'Mise en œuvre',
    summary: 'Résumé',
    never: 'jamais',
    terms: 'Engagements',
    addTerm: 'Ajouter un engagement',
    noParties: "Ajoutez d'abord les parties au dossier pour pouvoir saisir qui est engagé.",
    parties: 'Parties du dossier',
    followUps: 'Suivis',
    flags: 'Alertes',
    noFlags: 'Aucune alerte.',
    raise: 'Signaler un problème',
    sms: 'Par SMS',
    smsCode: 'Code SMS',
    smsFollowUp: 'Suivi',
    smsAlert: 'Alerte',
    smsLevels:
      "État : STABLE, TENDU ou RUPTURE. Pour chaque engagement, son numéro (ci-dessous) = 0 à 3 selon l'avancement, V s'il est violé, ? si on ne sait pas. Une note après #.",
    smsCaution: "L'opérateur téléphonique voit le numéro et le texte : n'y mettez ni nom ni lieu.",
  },
  en: {
    title: 'Accord',
    titleOf: 'Accord: {kind}',
    back: 'Back to the case',
    health: 'Accord health',
    recordFollowUp: 'Record a follow-up',
    facts: 'Details',
    concludedAt: 'Concluded on',
    form: 'Form',
    mechanism: 'Monitoring mechanism',
    interval: 'Follow-up pace',
    everyDays: 'every {n} days',
    lastCheck: 'Last check',
    nextDue: 'Next check due',
    score: 'Implementation',
    summary: 'Summary',
    never: 'never',
    terms: 'Terms',
    addTerm: 'Add a term',
    noParties: 'Add the parties to the case first, to say who is bound.',
    parties: 'Case parties',
    followUps: 'Follow-ups',
    flags: 'Flags',
    noFlags: 'No flags.',
    raise: 'Flag a problem',
    sms: 'By SMS',
    smsCode: 'SMS code',
    smsFollowUp: 'Follow-up',
    smsAlert: 'Alert',
    smsLevels:
      'State: STABLE, TENDU or RUPTURE. For each term, its number (below) = 0 to 3 by progress, V if violated, ? if unknown. A note after #.',
    smsCaution: 'The phone operator sees the number and the text: put no name or place in it.',
  },
} satisfies Messages<string>;

/** `1=3 2=3 …` for the first terms of the accord, as a message would assess them. */
function smsExample(terms: number): string {
  return Array.from({ length: Math.max(1, Math.min(terms, 3)) }, (_, i) => `${i + 1}=3`).join(' ');
}

export default function AccordPage() {
  const t = useT(messages);
  const w = useT(words);
  const { lang } = useLang();
  const user = useSignedInUser();
  const { id = '' } = useParams<{ id: string }>();
  // Kept on the device: the follow-up form and this page must open offline.
  const state = useApi<AccordDetail>(`/accords/${id}`, { keep: true });
  const caseId = state.data?.caseId;
  const parties = useApi<ApiPage<Party>>(caseId ? `/cases/${caseId}/parties?limit=100` : null, {
    keep: true,
  });
  const [adding, setAdding] = useState<boolean | null>(null);
  const [raising, setRaising] = useState(false);

  return (
    <Page
      title={state.data ? t('titleOf', { kind: w(`kind_${state.data.kind}`) }) : t('title')}
      actions={
        state.data && (
          <Link href={`/accords/${id}/follow-up`} className="button primary">
            {t('recordFollowUp')}
          </Link>
        )
      }
    >
      {caseId && <BackLink href={`/cases/${caseId}`}>{t('back')}</BackLink>}
      <Loaded state={state}>
        {(a) => {
          const partyList = parties.data?.items ?? [];
          // The add-term form starts open on a new accord: terms are the next step.
          const showAdd = adding ?? a.terms.length === 0;
          const openFlags = a.flags.filter(isOpenFlag);
          return (
            <>
              <section className="section" aria-labelledby="health-title">
                <h2 id="health-title">{t('health')}</h2>
                <HealthSummary health={a.health} />
              </section>

              <section className="section" aria-labelledby="facts-title">
                <h2 id="facts-title">{t('facts')}</h2>
                <dl className="facts">
                  <dt>{t('concludedAt')}</dt>
                  <dd>{formatDateTime(a.concludedAt, lang)}</dd>
                  <dt>{t('form')}</dt>
                  <dd>{w(`form_${a.form}`)}</dd>
                  {a.monitoringMechanism && (
                    <>
                      <dt>{t('mechanism')}</dt>
                      <dd>{a.monitoringMechanism}</dd>
                    </>
                  )}
                  <dt>{t('interval')}</dt>
                  <dd>{t('everyDays', { n: a.followUpIntervalDays })}</dd>
                  <dt>{t('lastCheck')}</dt>
                  <dd>{a.lastCheckedAt ? formatDate(a.lastCheckedAt, lang) : t('never')}</dd>
                  <dt>{t('nextDue')}</dt>
                  <dd>{formatDate(a.nextCheckDue, lang)}</dd>
                  <dt>{t('score')}</dt>
                  <dd data-testid="implementation-score">{scoreText(a.implementationScore)}</dd>
                  {a.summary && (
                    <>
                      <dt>{t('summary')}</dt>
                      <dd>{a.summary}</dd>
                    </>
                  )}
                </dl>
              </section>

              <section className="section" aria-labelledby="sms-title">
                <h2 id="sms-title">{t('sms')}</h2>
                <dl className="facts">
                  <dt>{t('smsCode')}</dt>
                  <dd data-testid="sms-code">
                    <code>{a.smsCode}</code>
                  </dd>
                  <dt>{t('smsFollowUp')}</dt>
                  <dd>
                    <code>{`SUIVI ${a.smsCode} STABLE ${smsExample(a.terms.length)} # note`}</code>
                  </dd>
                  <dt>{t('smsAlert')}</dt>
                  <dd>
                    <code>{`ALERTE ${a.smsCode} texte`}</code>
                  </dd>
                </dl>
                <p className="muted">{t('smsLevels')}</p>
                <p className="muted">{t('smsCaution')}</p>
              </section>

              <section className="section" aria-labelledby="terms-title">
                <h2 id="terms-title">{t('terms')}</h2>
                <TermList terms={a.terms} parties={partyList} onChanged={state.reload} />
                {parties.data && partyList.length === 0 && (
                  <p className="alert alert-info">
                    {t('noParties')} <Link href={`/cases/${a.caseId}`}>{t('parties')}</Link>
                  </p>
                )}
                {partyList.length > 0 &&
                  (showAdd ? (
                    <TermForm
                      accordId={a.id}
                      parties={partyList}
                      onDone={state.reload}
                      onCancel={a.terms.length > 0 ? () => setAdding(false) : undefined}
                    />
                  ) : (
                    <p>
                      <button type="button" onClick={() => setAdding(true)}>
                        {t('addTerm')}
                      </button>
                    </p>
                  ))}
              </section>

              <section className="section" aria-labelledby="follow-ups-title">
                <h2 id="follow-ups-title">{t('followUps')}</h2>
                <FollowUpList accordId={a.id} key={a.lastCheckedAt ?? 'none'} />
              </section>

              <section className="section" aria-labelledby="flags-title">
                <h2 id="flags-title">{t('flags')}</h2>
                {a.flags.length === 0 ? (
                  <p className="muted">{t('noFlags')}</p>
                ) : (
                  <FlagList
                    flags={a.flags}
                    canResolve={user.role === 'coordinator' && openFlags.length > 0}
                    onChanged={state.reload}
                  />
                )}
                {raising ? (
                  <RaiseFlagForm
                    accordId={a.id}
                    onDone={() => {
                      setRaising(false);
                      state.reload();
                    }}
                    onCancel={() => setRaising(false)}
                  />
                ) : (
                  <p>
                    <button type="button" onClick={() => setRaising(true)}>
                      {t('raise')}
                    </button>
                  </p>
                )}
              </section>
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
