import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Loading, Page } from '../../ui/components';
import { common } from '../../ui/common-messages';
import { query, useApi } from '../../ui/use-api';
import { AreaPicker } from '../../ui/area-picker';
import { useAction } from '../../ui/use-action';
import type { Schemas } from '../../api/types';
import { CaseBasicsFields, type CaseBasics } from './case-fields';
import type { CreatedCase } from './case-types';
import { useCaseT } from './case-words';
import { Overlaps } from './overlaps';
import './cases.css';

const messages = {
  fr: {
    title: 'Nouveau dossier',
    codeNameHint: 'Un nom neutre, jamais le nom d’un village.',
    created: 'Dossier « {name} » créé.',
    openCase: 'Ouvrir le dossier',
    checking: 'Vérification du registre…',
    required: '(obligatoire)',
    sensitive: 'Informations sensibles',
  },
  en: {
    title: 'New case',
    codeNameHint: 'A neutral label, never a village name.',
    created: 'Case “{name}” created.',
    openCase: 'Open the case',
    checking: 'Checking the registry…',
    required: '(required)',
    sensitive: 'Sensitive information',
  },
} satisfies Messages<string>;

const FIELDS = [
  'codeName',
  'areaId',
  'type',
  'summary',
  'languages',
  'locationDetail',
  'confidentialNotes',
];

/** Other associations' active cases in the commune, before the case exists. */
function RegistryCheck({ areaId }: { areaId: string }) {
  const t = useT(messages);
  const registry = useApi<Schemas['RegistryResponse']>(`/registry${query({ areaId })}`);
  if (registry.loading) return <p className="muted">{t('checking')}</p>;
  if (registry.error) return <ErrorMessage error={registry.error} />;
  return <Overlaps items={registry.data?.items ?? []} />;
}

export default function CaseNew() {
  const t = useT(messages);
  const ct = useCaseT();
  const c = useT(common);
  const [, navigate] = useLocation();
  // One id for this form: a retry after a lost answer cannot create the case twice.
  const [id] = useState(() => crypto.randomUUID());
  const [codeName, setCodeName] = useState('');
  const [areaId, setAreaId] = useState('');
  const [basics, setBasics] = useState<CaseBasics>({
    type: 'intercommunity',
    summary: '',
    languages: [],
  });
  const [locationDetail, setLocationDetail] = useState('');
  const [confidentialNotes, setConfidentialNotes] = useState('');
  const action = useAction();
  const [created, setCreated] = useState<CreatedCase | null>(null);

  function submit() {
    void action.run(async () => {
      const result = await api.post<CreatedCase>('/cases', {
        id,
        codeName: codeName.trim(),
        areaId: areaId || undefined,
        type: basics.type,
        summary: basics.summary.trim() || undefined,
        languages: basics.languages,
        locationDetail: locationDetail.trim() || undefined,
        confidentialNotes: confidentialNotes.trim() || undefined,
      });
      if (result.overlaps.length === 0) navigate(`/cases/${result.id}`);
      else setCreated(result);
    });
  }

  if (created)
    return (
      <Page title={t('title')}>
        <p className="alert alert-success" role="status">
          {t('created', { name: created.codeName })}
        </p>
        <Overlaps items={created.overlaps} />
        <p>
          <Link href={`/cases/${created.id}`} className="button primary">
            {t('openCase')}
          </Link>
        </p>
      </Page>
    );

  return (
    <Page title={t('title')}>
      <Form onSubmit={submit}>
        <Field
          label={`${ct('codeName')} ${t('required')}`}
          hint={t('codeNameHint')}
          error={fieldError(action.error, 'codeName')}
        >
          {(props) => (
            <input
              {...props}
              value={codeName}
              autoComplete="off"
              onChange={(e) => setCodeName(e.target.value)}
            />
          )}
        </Field>
        <AreaPicker
          value={areaId}
          onChange={setAreaId}
          error={fieldError(action.error, 'areaId')}
        />
        {areaId && <RegistryCheck areaId={areaId} />}
        <CaseBasicsFields value={basics} onChange={setBasics} error={action.error} />
        <fieldset>
          <legend>{t('sensitive')}</legend>
          <p className="hint">{ct('encryptedHint')}</p>
          <Field label={ct('locationDetail')} error={fieldError(action.error, 'locationDetail')}>
            {(props) => (
              <input
                {...props}
                value={locationDetail}
                onChange={(e) => setLocationDetail(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={ct('confidentialNotes')}
            error={fieldError(action.error, 'confidentialNotes')}
          >
            {(props) => (
              <textarea
                {...props}
                value={confidentialNotes}
                onChange={(e) => setConfidentialNotes(e.target.value)}
              />
            )}
          </Field>
        </fieldset>
        <ErrorMessage error={action.error} shownFields={FIELDS} />
        <div className="row">
          <button type="submit" className="primary" disabled={action.busy}>
            {c('create')}
          </button>
          <Link href="/cases" className="button">
            {c('cancel')}
          </Link>
        </div>
        {action.busy && <Loading />}
      </Form>
    </Page>
  );
}
