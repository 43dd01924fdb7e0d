import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError } from '../../ui/components';
import { CATEGORIES, type Party, type Term, type TermCategory } from './accord-types';
import { words } from './accord-words';

const messages = {
  fr: {
    addTitle: 'Ajouter un engagement',
    editTitle: "Modifier l'engagement",
    text: 'Engagement',
    textHint: 'Ce qui a été promis, tel que dit. Chiffré sur le serveur.',
    category: 'Catégorie',
    obligor: 'Qui est engagé',
    beneficiary: 'Au bénéfice de',
    choose: '— Choisir —',
    nobody: '— Personne en particulier —',
    concession: 'Concession obtenue par la communauté',
    deadline: 'Échéance',
    add: "Ajouter l'engagement",
    save: 'Enregistrer la modification',
    cancel: 'Annuler',
  },
  en: {
    addTitle: 'Add a term',
    editTitle: 'Edit the term',
    text: 'Term',
    textHint: 'What was promised, as said. Encrypted on the server.',
    category: 'Category',
    obligor: 'Who is bound',
    beneficiary: 'For the benefit of',
    choose: '— Choose —',
    nobody: '— Nobody in particular —',
    concession: 'Concession obtained by the community',
    deadline: 'Deadline',
    add: 'Add the term',
    save: 'Save the change',
    cancel: 'Cancel',
  },
} satisfies Messages<string>;

/** Adds a term to an accord, or amends one (PATCH with its version: history is kept). */
export function TermForm({
  accordId,
  parties,
  term,
  onDone,
  onCancel,
}: {
  accordId: string;
  parties: Party[];
  term?: Term;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const t = useT(messages);
  const w = useT(words);
  const [text, setText] = useState(term?.text ?? '');
  const [category, setCategory] = useState<TermCategory | ''>(term?.category ?? '');
  const [obligor, setObligor] = useState(term?.obligorPartyId ?? '');
  const [beneficiary, setBeneficiary] = useState(term?.beneficiaryPartyId ?? '');
  const [concession, setConcession] = useState(term?.isConcession ?? false);
  const [deadline, setDeadline] = useState(term?.deadline ?? '');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const fields = {
      text: text.trim(),
      category: category || undefined,
      obligorPartyId: obligor || undefined,
      beneficiaryPartyId: beneficiary || undefined,
      isConcession: concession,
      deadline: deadline || undefined,
    };
    const done = () => {
      setBusy(false);
      if (!term) {
        setText('');
        setCategory('');
        setBeneficiary('');
        setConcession(false);
        setDeadline('');
      }
      onDone();
    };
    const request = term
      ? api.patch(`/terms/${term.id}`, changedOnly(fields, term), term.version)
      : api.post(`/accords/${accordId}/terms`, { id: crypto.randomUUID(), ...fields });
    request.then(done, (err: unknown) => {
      setError(err);
      setBusy(false);
    });
  };

  const title = term ? t('editTitle') : t('addTitle');
  return (
    <form className="form inline-form" onSubmit={submit} aria-label={title}>
      <Field label={t('text')} hint={t('textHint')} error={fieldError(error, 'text')}>
        {(p) => (
          <textarea
            {...p}
            required
            maxLength={5000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('category')} error={fieldError(error, 'category')}>
        {(p) => (
          <select
            {...p}
            required
            value={category}
            onChange={(e) => setCategory(e.target.value as TermCategory)}
          >
            <option value="">{t('choose')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {w(`category_${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="grid-2">
        <Field label={t('obligor')} error={fieldError(error, 'obligorPartyId')}>
          {(p) => (
            <select {...p} required value={obligor} onChange={(e) => setObligor(e.target.value)}>
              <option value="">{t('choose')}</option>
              {parties.map((party) => (
                <option key={party.id} value={party.id}>
                  {party.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('beneficiary')} error={fieldError(error, 'beneficiaryPartyId')}>
          {(p) => (
            <select {...p} value={beneficiary} onChange={(e) => setBeneficiary(e.target.value)}>
              <option value="">{t('nobody')}</option>
              {parties.map((party) => (
                <option key={party.id} value={party.id}>
                  {party.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={concession}
          onChange={(e) => setConcession(e.target.checked)}
        />
        {t('concession')}
      </label>
      <Field label={t('deadline')} error={fieldError(error, 'deadline')}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        )}
      </Field>
      <ErrorMessage
        error={error}
        shownFields={[
          'text',
          'category',
          'obligorPartyId',
          'beneficiaryPartyId',
          'deadline',
          'isConcession',
        ]}
      />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {term ? t('save') : t('add')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** Only what changed goes in the PATCH, so the amendment history records the real change. */
function changedOnly(fields: Record<string, unknown>, term: Term): Record<string, unknown> {
  const before: Record<string, unknown> = {
    text: term.text,
    category: term.category,
    obligorPartyId: term.obligorPartyId,
    beneficiaryPartyId: term.beneficiaryPartyId ?? undefined,
    isConcession: term.isConcession,
    deadline: term.deadline ?? undefined,
  };
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== before[k]));
}
