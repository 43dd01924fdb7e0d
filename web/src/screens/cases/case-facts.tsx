import { useState } from 'react';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { common } from '../../ui/common-messages';
import { AreaName } from '../../ui/area-picker';
import { useAction } from '../../ui/use-action';
import { CaseBasicsFields, type CaseBasics } from './case-fields';
import type { CaseResponse } from './case-types';
import { useLanguageName } from '../../ui/languages';
import { useCaseT } from './case-words';

const messages = {
  fr: {
    heading: 'Informations',
    edit: 'Modifier',
    opened: 'Ouvert le',
    saved: 'Modifications enregistrées.',
    sensitiveNote: 'Les champs chiffrés ne sont montrés qu’à l’équipe du dossier.',
  },
  en: {
    heading: 'Details',
    edit: 'Edit',
    opened: 'Opened on',
    saved: 'Changes saved.',
    sensitiveNote: 'Encrypted fields are shown to the case team only.',
  },
} satisfies Messages<string>;

const FIELDS = ['codeName', 'type', 'summary', 'languages', 'locationDetail', 'confidentialNotes'];

/** The case's facts; the encrypted ones only when the API returned them (case team). */
export function CaseFacts({ value, onChanged }: { value: CaseResponse; onChanged: () => void }) {
  const t = useT(messages);
  const ct = useCaseT();
  const languageName = useLanguageName();
  const { lang } = useLang();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const hasSensitive = value.locationDetail !== undefined || value.confidentialNotes !== undefined;

  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('heading')}</h2>
      {saved && (
        <p className="alert alert-success" role="status">
          {t('saved')}
        </p>
      )}
      {editing ? (
        <EditCase
          value={value}
          onDone={(ok) => {
            setEditing(false);
            setSaved(ok);
            if (ok) onChanged();
          }}
        />
      ) : (
        <>
          <dl className="facts case-facts">
            <dt>{ct('codeName')}</dt>
            <dd>{value.codeName}</dd>
            <dt>{ct('commune')}</dt>
            <dd>
              <AreaName id={value.areaId} />
            </dd>
            <dt>{ct('type')}</dt>
            <dd>{ct(`type_${value.type}`)}</dd>
            <dt>{t('opened')}</dt>
            <dd>{formatDate(value.createdAt, lang)}</dd>
            <dt>{ct('summary')}</dt>
            <dd>{value.summary || '—'}</dd>
            <dt>{ct('languages')}</dt>
            <dd>{value.languages.map(languageName).join(', ') || '—'}</dd>
            {value.locationDetail !== undefined && (
              <>
                <dt>{ct('locationDetail')}</dt>
                <dd>{value.locationDetail || '—'}</dd>
              </>
            )}
            {value.confidentialNotes !== undefined && (
              <>
                <dt>{ct('confidentialNotes')}</dt>
                <dd className="pre-wrap">{value.confidentialNotes || '—'}</dd>
              </>
            )}
          </dl>
          {hasSensitive && <p className="hint">{t('sensitiveNote')}</p>}
          <p>
            <button type="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function EditCase({ value, onDone }: { value: CaseResponse; onDone: (saved: boolean) => void }) {
  const ct = useCaseT();
  const c = useT(common);
  const [codeName, setCodeName] = useState(value.codeName);
  const [basics, setBasics] = useState<CaseBasics>({
    type: value.type,
    summary: value.summary ?? '',
    languages: value.languages,
  });
  const [locationDetail, setLocationDetail] = useState(value.locationDetail ?? '');
  const [notes, setNotes] = useState(value.confidentialNotes ?? '');
  const action = useAction();

  function submit() {
    // Coordinators get no encrypted fields and may not send them (403).
    const body: Schemas['UpdateCaseDto'] = {
      codeName: codeName.trim(),
      type: basics.type,
      summary: basics.summary,
      languages: basics.languages,
    };
    // Sent only when changed: each read and write of them is audited.
    if (value.locationDetail !== undefined && locationDetail !== (value.locationDetail ?? ''))
      body.locationDetail = locationDetail;
    if (value.confidentialNotes !== undefined && notes !== (value.confidentialNotes ?? ''))
      body.confidentialNotes = notes;
    void action.run(async () => {
      await api.patch(`/cases/${value.id}`, body, value.version);
      onDone(true);
    });
  }

  return (
    <Form onSubmit={submit}>
      <Field label={ct('codeName')} error={fieldError(action.error, 'codeName')}>
        {(p) => <input {...p} value={codeName} onChange={(e) => setCodeName(e.target.value)} />}
      </Field>
      <CaseBasicsFields value={basics} onChange={setBasics} error={action.error} />
      {value.locationDetail !== undefined && (
        <Field
          label={ct('locationDetail')}
          hint={ct('encryptedHint')}
          error={fieldError(action.error, 'locationDetail')}
        >
          {(p) => (
            <input
              {...p}
              value={locationDetail}
              onChange={(e) => setLocationDetail(e.target.value)}
            />
          )}
        </Field>
      )}
      {value.confidentialNotes !== undefined && (
        <Field
          label={ct('confidentialNotes')}
          hint={ct('encryptedHint')}
          error={fieldError(action.error, 'confidentialNotes')}
        >
          {(p) => <textarea {...p} value={notes} onChange={(e) => setNotes(e.target.value)} />}
        </Field>
      )}
      <ErrorMessage error={action.error} shownFields={FIELDS} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          {c('save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {c('cancel')}
        </button>
      </div>
    </Form>
  );
}
