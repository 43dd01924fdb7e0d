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
import { common } from '../../ui/common-messages';
import { usePaged, type PagedState } from '../../ui/use-paged';
import { useAction } from '../../ui/use-action';
import { EnumSelect, LoadMore } from '../../ui/lists';
import { PARTY_KINDS, type Party, type PartyKind } from './case-types';
import { useCaseT } from './case-words';

const messages = {
  fr: {
    heading: 'Parties',
    add: 'Ajouter une partie',
    name: 'Nom',
    kind: 'Catégorie',
    description: 'Description',
    edit: 'Modifier',
    delete: 'Supprimer',
    confirmDelete: 'Supprimer la partie « {name} » ?',
    empty: 'Aucune partie pour l’instant.',
  },
  en: {
    heading: 'Parties',
    add: 'Add a party',
    name: 'Name',
    kind: 'Kind',
    description: 'Description',
    edit: 'Edit',
    delete: 'Delete',
    confirmDelete: 'Delete the party “{name}”?',
    empty: 'No party yet.',
  },
} satisfies Messages<string>;

export const usePartiesOf = (caseId: string) =>
  usePaged<Party>(`/cases/${caseId}/parties`, { keep: true });

/** Add or edit one party: a new one when `party` is absent. */
function PartyForm({
  caseId,
  party,
  onDone,
}: {
  caseId: string;
  party?: Party;
  onDone: (saved: boolean) => void;
}) {
  const t = useT(messages);
  const ct = useCaseT();
  const c = useT(common);
  const [name, setName] = useState(party?.name ?? '');
  const [kind, setKind] = useState<PartyKind>(party?.kind ?? 'community');
  const [description, setDescription] = useState(party?.description ?? '');
  const action = useAction();

  function submit() {
    const body = { name: name.trim(), kind, description: description.trim() || undefined };
    void action.run(async () => {
      if (party) await api.patch(`/cases/${caseId}/parties/${party.id}`, body, party.version);
      else await api.post(`/cases/${caseId}/parties`, { id: crypto.randomUUID(), ...body });
      setName('');
      setDescription('');
      onDone(true);
    });
  }

  return (
    <Form className="inline-form" onSubmit={submit} aria-label={party ? t('edit') : t('add')}>
      <Field label={t('name')} error={fieldError(action.error, 'name')}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('kind')} error={fieldError(action.error, 'kind')}>
        {(p) => (
          <EnumSelect
            {...p}
            values={PARTY_KINDS}
            value={kind}
            onChange={(k) => k && setKind(k)}
            label={(k) => ct(`kind_${k}`)}
          />
        )}
      </Field>
      <Field label={t('description')} error={fieldError(action.error, 'description')}>
        {(p) => (
          <textarea {...p} value={description} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <ErrorMessage error={action.error} shownFields={['name', 'kind', 'description']} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          {party ? c('save') : t('add')}
        </button>
        {party && (
          <button type="button" onClick={() => onDone(false)}>
            {c('cancel')}
          </button>
        )}
      </div>
    </Form>
  );
}

/** `parties` is shared with the participants section, so a new party is offered there at once. */
export function CaseParties({ caseId, parties }: { caseId: string; parties: PagedState<Party> }) {
  const t = useT(messages);
  const ct = useCaseT();
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction();

  function remove(party: Party) {
    if (!window.confirm(t('confirmDelete', { name: party.name }))) return;
    void action.run(async () => {
      await api.delete(`/cases/${caseId}/parties/${party.id}`);
      parties.reload();
    });
  }

  return (
    <section aria-labelledby="parties-heading">
      <h2 id="parties-heading">{t('heading')}</h2>
      <SavedCopyNotice savedAt={parties.savedAt} />
      <ErrorMessage error={action.error ?? parties.error} />
      {parties.items.length === 0 && !parties.loading && <p className="muted">{t('empty')}</p>}
      <ul className="cards" aria-label={t('heading')}>
        {parties.items.map((p) => (
          <li key={p.id} className="card">
            {editing === p.id ? (
              <PartyForm
                caseId={caseId}
                party={p}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved) parties.reload();
                }}
              />
            ) : (
              <>
                <p className="card-title">{p.name}</p>
                <p>{ct(`kind_${p.kind}`)}</p>
                {p.description && <p className="muted">{p.description}</p>}
                <div className="row">
                  <button type="button" onClick={() => setEditing(p.id)}>
                    {t('edit')}
                    <span className="visually-hidden"> {p.name}</span>
                  </button>
                  <button type="button" className="danger" onClick={() => remove(p)}>
                    {t('delete')}
                    <span className="visually-hidden"> {p.name}</span>
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {parties.loading && <Loading />}
      <LoadMore list={parties} />
      <h3>{t('add')}</h3>
      <PartyForm caseId={caseId} onDone={(saved) => saved && parties.reload()} />
    </section>
  );
}
