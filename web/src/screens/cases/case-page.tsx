import { useState, type ReactNode } from 'react';
import { useParams } from 'wouter';
import { useSignedInUser } from '../../auth/session';
import { useT, type Messages } from '../../i18n/i18n';
import { BackLink, Loaded, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { CaseFacts } from './case-facts';
import { CaseHistory } from './case-history';
import { CaseAccords, CaseMeetings, Coordination } from './case-links';
import { CaseParticipants } from './case-participants';
import { CaseParties, usePartiesOf } from './case-parties';
import { CaseStatusSection } from './case-status';
import { CaseTeam } from './case-team';
import type { CaseResponse } from './case-types';
import './cases.css';

const messages = {
  fr: {
    title: 'Dossier',
    sections: 'Sections du dossier',
    overview: 'Résumé',
    parties: 'Parties',
    participants: 'Participants',
    team: 'Équipe',
    followUp: 'Rencontres et accords',
    history: 'Historique',
    back: 'Mes dossiers',
  },
  en: {
    title: 'Case',
    sections: 'Case sections',
    overview: 'Overview',
    parties: 'Parties',
    participants: 'Participants',
    team: 'Team',
    followUp: 'Meetings and accords',
    history: 'History',
    back: 'My cases',
  },
} satisfies Messages<string>;

type Tab = 'overview' | 'parties' | 'participants' | 'team' | 'followUp' | 'history';
const TABS: Tab[] = ['overview', 'parties', 'participants', 'team', 'followUp', 'history'];

/**
 * Sections stay mounted (hidden when not selected) so the case's lists are
 * fetched and kept on the device as soon as the case is opened; a `lazy` one
 * (participants: reading identities is audited) loads only once it is chosen.
 */
function Panel({
  tab,
  current,
  lazy = false,
  children,
}: {
  tab: Tab;
  current: Tab;
  lazy?: boolean;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(!lazy);
  if (!opened && tab === current) setOpened(true);
  return (
    <div
      role="tabpanel"
      id={`panel-${tab}`}
      aria-labelledby={`tab-${tab}`}
      hidden={tab !== current}
      className="case-section"
    >
      {opened && children}
    </div>
  );
}

/** Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern). */
function nextTab(current: Tab, key: string): Tab | null {
  const i = TABS.indexOf(current);
  const moves: Record<string, number> = {
    ArrowRight: (i + 1) % TABS.length,
    ArrowLeft: (i - 1 + TABS.length) % TABS.length,
    Home: 0,
    End: TABS.length - 1,
  };
  return key in moves ? TABS[moves[key]] : null;
}

export default function CasePage() {
  const t = useT(messages);
  const { id = '' } = useParams<{ id: string }>();
  const user = useSignedInUser();
  const state = useApi<CaseResponse>(`/cases/${id}`, { keep: true });
  const [tab, setTab] = useState<Tab>('overview');
  const parties = usePartiesOf(id);

  return (
    <Page title={state.data ? state.data.codeName : t('title')}>
      <BackLink href="/cases">{t('back')}</BackLink>
      <Loaded state={state}>
        {(c) => (
          <>
            <div
              className="tabs case-tabs"
              role="tablist"
              aria-label={t('sections')}
              onKeyDown={(e) => {
                const next = nextTab(tab, e.key);
                if (!next) return;
                e.preventDefault();
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }}
            >
              {TABS.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  id={`tab-${k}`}
                  aria-controls={`panel-${k}`}
                  aria-selected={tab === k}
                  tabIndex={tab === k ? 0 : -1}
                  onClick={() => setTab(k)}
                >
                  {t(k)}
                </button>
              ))}
            </div>
            <Panel tab="overview" current={tab}>
              <CaseStatusSection value={c} onChanged={state.reload} />
              <CaseFacts value={c} onChanged={state.reload} />
              <Coordination value={c} />
            </Panel>
            <Panel tab="parties" current={tab}>
              <CaseParties caseId={c.id} parties={parties} />
            </Panel>
            <Panel tab="participants" current={tab} lazy>
              <CaseParticipants caseId={c.id} parties={parties.items} />
            </Panel>
            <Panel tab="team" current={tab}>
              <CaseTeam
                value={c}
                canManage={user.role === 'coordinator'}
                onChanged={state.reload}
              />
            </Panel>
            <Panel tab="followUp" current={tab}>
              <CaseMeetings caseId={c.id} />
              <CaseAccords caseId={c.id} />
            </Panel>
            <Panel tab="history" current={tab}>
              <CaseHistory value={c} />
            </Panel>
          </>
        )}
      </Loaded>
    </Page>
  );
}
