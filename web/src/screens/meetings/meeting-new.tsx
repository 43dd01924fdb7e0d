import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, Page } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import { RecordSelect } from './choices';
import { useCaseList, useCaseTeam } from './meeting-data';
import { MeetingForm } from './meeting-form';
import type { MeetingBody, MeetingResponse } from './meeting-types';
import { CoverageNotice } from './meeting-words';

const messages = {
  fr: {
    title: 'Planifier une rencontre',
    case: 'Dossier',
    chooseCase: 'Choisir un dossier',
    schedule: 'Planifier',
    created: 'Rencontre planifiée.',
    open: 'Ouvrir la rencontre',
    another: 'Planifier une autre rencontre',
    calendar: 'Retour au calendrier',
  },
  en: {
    title: 'Schedule a meeting',
    case: 'Case',
    chooseCase: 'Choose a case',
    schedule: 'Schedule',
    created: 'Meeting scheduled.',
    open: 'Open the meeting',
    another: 'Schedule another meeting',
    calendar: 'Back to the calendar',
  },
} satisfies Messages<string>;

export default function MeetingNew() {
  const t = useT(messages);
  const preset = new URLSearchParams(useSearch()).get('caseId') ?? '';
  const [caseId, setCaseId] = useState(preset);
  const cases = useCaseList(!preset);
  const presetCase = useApi<Schemas['CaseResponse']>(preset ? `/cases/${preset}` : null, {
    keep: true,
  });
  const team = useCaseTeam(caseId || null);
  const action = useAction();
  const [created, setCreated] = useState<MeetingResponse | null>(null);
  const [formKey, setFormKey] = useState(0);

  const submit = (body: MeetingBody) =>
    action.run(async () =>
      setCreated(await api.post<MeetingResponse>(`/cases/${caseId}/meetings`, body)),
    );

  if (created)
    return (
      <Page title={t('title')}>
        <p className="alert alert-success" role="status">
          {t('created')}
        </p>
        <CoverageNotice
          coverage={created.missionOrderCoverage}
          team={team.data?.items}
          caseId={created.caseId}
        />
        <div className="row">
          <Link href={`/meetings/${created.id}`} className="button primary">
            {t('open')}
          </Link>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('another')}
          </button>
          <Link href="/meetings">{t('calendar')}</Link>
        </div>
      </Page>
    );

  return (
    <Page title={t('title')}>
      {presetCase.data && (
        <p>
          {t('case')} : <strong>{presetCase.data.codeName}</strong>
        </p>
      )}
      {!preset && (
        <>
          <ErrorMessage error={cases.error} />
          <Field label={t('case')}>
            {(p) => (
              <RecordSelect
                {...p}
                required
                records={cases.data?.items.map((c) => ({ id: c.id, label: c.codeName }))}
                value={caseId}
                onChange={setCaseId}
                empty={t('chooseCase')}
              />
            )}
          </Field>
        </>
      )}
      {caseId && (
        <MeetingForm
          key={`${caseId}-${formKey}`}
          caseId={caseId}
          submitLabel={t('schedule')}
          busy={action.busy}
          error={action.error}
          onSubmit={(body) => void submit(body)}
        />
      )}
    </Page>
  );
}
