import { useState, type SelectHTMLAttributes } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { sendOrQueue } from '../../offline/outbox';
import { TERM_CATEGORIES, type TermCategory } from '../../api/vocabulary';
import { ErrorMessage, Field, fieldError, Form } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { useAction } from '../../ui/use-action';
import type { NewTerm, Party, Term } from './accord-types';
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
    queued:
      'Engagement gardé sur cet appareil, envoyé dès que le réseau le permettra (voir la file d’envoi).',
    label: 'Engagement ({category}) d’un accord',
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
    queued: 'Term kept on this device, sent as soon as the network allows (see the outbox).',
    label: 'Term ({category}) of an accord',
  },
} satisfies Messages<string>;

/** A <select> over the case's parties, by name, with a first empty choice. */
function PartySelect({
  parties,
  empty,
  value,
  onChange,
  ...rest
}: {
  parties: Party[];
  empty: string;
  value: string;
  onChange: (partyId: string) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {parties.map((party) => (
        <option key={party.id} value={party.id}>
          {party.name}
        </option>
      ))}
    </select>
  );
}

/**
 * Adds a term to an accord, or amends one (PATCH with its version: history is
 * kept). A new term made without a connection, or while earlier writes wait,
 * is queued on the device (its client id and Idempotency-Key make the later
 * send safe) and `onDone` receives it with `queued: true`.
 */
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
  onDone: (added?: { term: NewTerm; queued: boolean }) => void;
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
  const [queued, setQueued] = useState(false);
  const action = useAction();
  const error = action.error;

  const submit = () => {
    const fields = {
      text: text.trim(),
      category: category || undefined,
      obligorPartyId: obligor || undefined,
      beneficiaryPartyId: beneficiary || undefined,
      isConcession: concession,
      deadline: deadline || undefined,
    };
    void action.run(async () => {
      if (term) {
        await api.patch(`/terms/${term.id}`, changedOnly(fields, term), term.version);
        onDone();
        return;
      }
      // The form's required fields make these present; the API checks them again.
      const added = { id: crypto.randomUUID(), ...fields } as NewTerm;
      const result = await sendOrQueue(
        { method: 'POST', path: `/accords/${accordId}/terms`, body: added },
        t('label', { category: category ? w(`category_${category}`) : '' }),
      );
      setQueued(result.queued);
      // The form stays open for the next term, with the same parties.
      setText('');
      setCategory('');
      setBeneficiary('');
      setConcession(false);
      setDeadline('');
      onDone({ term: added, queued: result.queued });
    });
  };

  const title = term ? t('editTitle') : t('addTitle');
  return (
    <Form className="inline-form" onSubmit={submit} aria-label={title}>
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
          <EnumSelect
            {...p}
            required
            values={TERM_CATEGORIES}
            value={category}
            empty={t('choose')}
            label={(c) => w(`category_${c}`)}
            onChange={setCategory}
          />
        )}
      </Field>
      <div className="grid-2">
        <Field label={t('obligor')} error={fieldError(error, 'obligorPartyId')}>
          {(p) => (
            <PartySelect
              {...p}
              required
              parties={parties}
              empty={t('choose')}
              value={obligor}
              onChange={setObligor}
            />
          )}
        </Field>
        <Field label={t('beneficiary')} error={fieldError(error, 'beneficiaryPartyId')}>
          {(p) => (
            <PartySelect
              {...p}
              parties={parties}
              empty={t('nobody')}
              value={beneficiary}
              onChange={setBeneficiary}
            />
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
      {queued && !error && (
        <p className="alert alert-info" role="status" data-testid="term-queued">
          {t('queued')}
        </p>
      )}
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
        <button type="submit" className="primary" disabled={action.busy}>
          {term ? t('save') : t('add')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </Form>
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
