import { LoadMore } from '../../ui/lists';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import {
  ErrorMessage,
  Field,
  fieldError,
  Form,
  Loading,
  SavedCopyNotice,
} from '../../ui/components';
import { usePaged } from '../../ui/use-paged';
import { useAction } from '../../ui/use-action';
import type { Participant, Party } from './case-types';

const ROLES = ['negotiator', 'interpreter', 'elder', 'informant', 'other'] as const;

const messages = {
  fr: {
    heading: 'Participants',
    add: 'Ajouter un participant',
    pseudonym: 'Pseudonyme',
    pseudonymHint: 'Le nom utilisé dans le dossier : jamais le vrai nom.',
    party: 'Partie',
    noParty: '— Aucune —',
    role: 'Rôle',
    role_negotiator: 'Négociateur',
    role_interpreter: 'Interprète',
    role_elder: 'Notable / ancien',
    role_informant: 'Informateur',
    role_other: 'Autre',
    identity: 'Identité réelle (facultatif)',
    identityHint:
      'Chiffrée, visible par l’équipe du dossier seulement. À n’enregistrer qu’avec le consentement de la personne.',
    consent: 'La personne consent à ce que son identité soit enregistrée',
    realName: 'Vrai nom',
    contact: 'Contact',
    empty: 'Aucun participant pour l’instant.',
    added: 'Participant ajouté.',
  },
  en: {
    heading: 'Participants',
    add: 'Add a participant',
    pseudonym: 'Pseudonym',
    pseudonymHint: 'The name used in the file: never the real name.',
    party: 'Party',
    noParty: '— None —',
    role: 'Role',
    role_negotiator: 'Negotiator',
    role_interpreter: 'Interpreter',
    role_elder: 'Elder',
    role_informant: 'Informant',
    role_other: 'Other',
    identity: 'Real identity (optional)',
    identityHint:
      'Encrypted, visible to the case team only. Record it only with the person’s consent.',
    consent: 'The person consents to their identity being recorded',
    realName: 'Real name',
    contact: 'Contact',
    empty: 'No participant yet.',
    added: 'Participant added.',
  },
} satisfies Messages<string>;

const isKnownRole = (role: string): role is (typeof ROLES)[number] =>
  (ROLES as readonly string[]).includes(role);

export function CaseParticipants({ caseId, parties }: { caseId: string; parties: Party[] }) {
  const t = useT(messages);
  const participants = usePaged<Participant>(`/cases/${caseId}/participants`, { keep: true });
  const partyName = (id: string | null) => parties.find((p) => p.id === id)?.name;
  const roleLabel = (role: string) => (isKnownRole(role) ? t(`role_${role}`) : role);

  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('heading')}</h2>
      <SavedCopyNotice savedAt={participants.savedAt} />
      <ErrorMessage error={participants.error} />
      {participants.items.length === 0 && !participants.loading && (
        <p className="muted">{t('empty')}</p>
      )}
      <ul className="cards" aria-label={t('heading')}>
        {participants.items.map((p) => (
          <li key={p.id} className="card">
            <p className="card-title">{p.pseudonym}</p>
            <p>
              {roleLabel(p.role)}
              {p.partyId && ` · ${partyName(p.partyId) ?? t('party')}`}
            </p>
            {/* Real identity: only when the API sent it (case team). */}
            {p.realName && (
              <p>
                {t('realName')} : {p.realName}
              </p>
            )}
            {p.contact && (
              <p>
                {t('contact')} : {p.contact}
              </p>
            )}
          </li>
        ))}
      </ul>
      {participants.loading && <Loading />}
      <LoadMore list={participants} />
      <h3>{t('add')}</h3>
      <ParticipantForm caseId={caseId} parties={parties} onAdded={participants.reload} />
    </section>
  );
}

function ParticipantForm({
  caseId,
  parties,
  onAdded,
}: {
  caseId: string;
  parties: { id: string; name: string }[];
  onAdded: () => void;
}) {
  const t = useT(messages);
  const [pseudonym, setPseudonym] = useState('');
  const [partyId, setPartyId] = useState('');
  const [role, setRole] = useState<string>('negotiator');
  const [consent, setConsent] = useState(false);
  const [realName, setRealName] = useState('');
  const [contact, setContact] = useState('');
  const action = useAction();
  const [added, setAdded] = useState(false);

  function submit() {
    setAdded(false);
    void action.run(async () => {
      // The API refuses a real name or contact without consent: its message is shown as is.
      await api.post(`/cases/${caseId}/participants`, {
        id: crypto.randomUUID(),
        pseudonym: pseudonym.trim(),
        partyId: partyId || undefined,
        role,
        consentToRecordIdentity: consent,
        realName: realName.trim() || undefined,
        contact: contact.trim() || undefined,
      });
      setPseudonym('');
      setRealName('');
      setContact('');
      setConsent(false);
      setAdded(true);
      onAdded();
    });
  }

  const fields = ['pseudonym', 'partyId', 'role', 'consentToRecordIdentity', 'realName', 'contact'];
  return (
    <Form onSubmit={submit} aria-label={t('add')}>
      <Field
        label={t('pseudonym')}
        hint={t('pseudonymHint')}
        error={fieldError(action.error, 'pseudonym')}
      >
        {(p) => <input {...p} value={pseudonym} onChange={(e) => setPseudonym(e.target.value)} />}
      </Field>
      <Field label={t('party')} error={fieldError(action.error, 'partyId')}>
        {(p) => (
          <select {...p} value={partyId} onChange={(e) => setPartyId(e.target.value)}>
            <option value="">{t('noParty')}</option>
            {parties.map((party) => (
              <option key={party.id} value={party.id}>
                {party.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('role')} error={fieldError(action.error, 'role')}>
        {(p) => (
          <select {...p} value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>{t('identity')}</legend>
        <p className="hint">{t('identityHint')}</p>
        <label className="checkbox">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          {t('consent')}
        </label>
        {fieldError(action.error, 'consentToRecordIdentity') && (
          <p className="field-error">{fieldError(action.error, 'consentToRecordIdentity')}</p>
        )}
        <Field label={t('realName')} error={fieldError(action.error, 'realName')}>
          {(p) => (
            <input
              {...p}
              value={realName}
              autoComplete="off"
              onChange={(e) => setRealName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('contact')} error={fieldError(action.error, 'contact')}>
          {(p) => (
            <input
              {...p}
              value={contact}
              autoComplete="off"
              onChange={(e) => setContact(e.target.value)}
            />
          )}
        </Field>
      </fieldset>
      <ErrorMessage error={action.error} shownFields={fields} />
      {added && (
        <p className="alert alert-success" role="status">
          {t('added')}
        </p>
      )}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('add')}
      </button>
    </Form>
  );
}
