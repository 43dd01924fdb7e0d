import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { MAX_VALIDITY_DAYS } from '../../api/vocabulary';
import { useSignedInUser } from '../../auth/session';
import { fromLocalInput, toLocalInput, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Page } from '../../ui/components';
import { useAction } from '../../ui/use-action';
import { useApi } from '../../ui/use-api';
import { CheckList, ChoiceSet, RecordSelect } from '../meetings/choices';
import { useCaseList } from '../meetings/meeting-data';
import { AreaChoice } from './area-choice';
import type { MissionOrderResponse } from './mo-types';
import { useAssociationUsers } from './mo-words';

const messages = {
  fr: {
    title: 'Demander un ordre de mission',
    authority: 'Autorité qui délivre l’ordre',
    chooseAuthority: '— Choisir —',
    holders: 'Titulaires',
    holderSelf: 'Vous demandez l’ordre pour vous-même : {name}.',
    noIdentity: 'identité légale manquante',
    areas: 'Zones couvertes',
    chooseAuthorityFirst: 'Choisissez d’abord l’autorité.',
    purpose: 'Objet de la mission',
    purposeHint: 'Jamais imprimé sur l’ordre.',
    validFrom: 'Valable à partir du',
    validUntil: 'Valable jusqu’au',
    validUntilHint: 'Au plus {days} jours après le début.',
    case: 'Dossier (facultatif)',
    noCase: '— Aucun —',
    submit: 'Envoyer la demande',
    sent: 'Demande envoyée : {number}.',
    open: 'Voir la demande',
  },
  en: {
    title: 'Request a mission order',
    authority: 'Issuing authority',
    chooseAuthority: '— Choose —',
    holders: 'Holders',
    holderSelf: 'You are requesting the order for yourself: {name}.',
    noIdentity: 'legal identity missing',
    areas: 'Areas covered',
    chooseAuthorityFirst: 'Choose the authority first.',
    purpose: 'Purpose of the mission',
    purposeHint: 'Never printed on the order.',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    validUntilHint: 'At most {days} days after the start.',
    case: 'Case (optional)',
    noCase: '— None —',
    submit: 'Send the request',
    sent: 'Request sent: {number}.',
    open: 'See the request',
  },
} satisfies Messages<string>;

const DAY = 86_400_000;
const FIELDS = [
  'authorityId',
  'holderUserIds',
  'areaIds',
  'purpose',
  'validFrom',
  'validUntil',
  'caseId',
];

/** A coordinator picks among the association's mediators; a mediator may only ask for themself. */
function HolderChoice({
  selected,
  onChange,
  error,
}: {
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const t = useT(messages);
  const user = useSignedInUser();
  const users = useAssociationUsers();
  const mediators = (users.data?.items ?? []).filter((u) => u.role === 'mediator' && !u.disabled);
  return (
    <ChoiceSet legend={t('holders')} error={error}>
      {user.role === 'mediator' ? (
        <p>{t('holderSelf', { name: user.displayName })}</p>
      ) : (
        <CheckList
          items={mediators.map((u) => ({
            id: u.id,
            label: (
              <>
                {u.displayName}
                {!u.hasLegalIdentity && <span className="muted"> ({t('noIdentity')})</span>}
              </>
            ),
          }))}
          selected={selected}
          onChange={onChange}
        />
      )}
      <ErrorMessage error={users.error} />
    </ChoiceSet>
  );
}

export default function MissionOrderNew() {
  const t = useT(messages);
  const user = useSignedInUser();
  const presetCase = new URLSearchParams(useSearch()).get('caseId') ?? '';
  const authorities = useApi<Schemas['AuthorityPage']>('/authorities?limit=100');
  const cases = useCaseList();
  const [authorityId, setAuthorityId] = useState('');
  const [holders, setHolders] = useState<string[]>(user.role === 'mediator' ? [user.id] : []);
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [validFrom, setValidFrom] = useState(() => toLocalInput(new Date()));
  const [validUntil, setValidUntil] = useState(() => toLocalInput(new Date(Date.now() + 30 * DAY)));
  const [caseId, setCaseId] = useState(presetCase);
  const action = useAction();
  const error = action.error;
  const [created, setCreated] = useState<MissionOrderResponse | null>(null);
  const authority = authorities.data?.items.find((a) => a.id === authorityId);
  const theCase = cases.data?.items.find((c) => c.id === caseId);

  // The case's commune is the usual area: offer it checked.
  useEffect(() => {
    if (theCase) setAreaIds((ids) => (ids.length === 0 ? [theCase.areaId] : ids));
  }, [theCase]);

  const submit = () =>
    action.run(async () =>
      setCreated(
        await api.post<MissionOrderResponse>('/mission-orders', {
          authorityId,
          holderUserIds: holders,
          areaIds,
          purpose: purpose.trim(),
          validFrom: fromLocalInput(validFrom),
          validUntil: fromLocalInput(validUntil),
          ...(caseId ? { caseId } : {}),
        }),
      ),
    );

  if (created)
    return (
      <Page title={t('title')}>
        <p className="alert alert-success" role="status">
          {t('sent', { number: created.orderNumber })}
        </p>
        <Link href={`/mission-orders/${created.id}`} className="button primary">
          {t('open')}
        </Link>
      </Page>
    );

  return (
    <Page title={t('title')}>
      <Form onSubmit={submit}>
        <Field label={t('authority')} error={fieldError(error, 'authorityId')}>
          {(p) => (
            <RecordSelect
              {...p}
              required
              records={authorities.data?.items.map((a) => ({ id: a.id, label: a.name }))}
              value={authorityId}
              onChange={setAuthorityId}
              empty={t('chooseAuthority')}
            />
          )}
        </Field>
        <HolderChoice
          selected={holders}
          onChange={setHolders}
          error={fieldError(error, 'holderUserIds')}
        />
        <ChoiceSet legend={t('areas')} error={fieldError(error, 'areaIds')}>
          {authority ? (
            <AreaChoice
              jurisdiction={authority.jurisdictionAreaIds}
              selected={areaIds}
              onChange={setAreaIds}
            />
          ) : (
            <p className="muted">{t('chooseAuthorityFirst')}</p>
          )}
        </ChoiceSet>
        <Field label={t('purpose')} hint={t('purposeHint')} error={fieldError(error, 'purpose')}>
          {(p) => (
            <textarea
              {...p}
              required
              rows={3}
              maxLength={1000}
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
            />
          )}
        </Field>
        <div className="grid-2">
          <Field label={t('validFrom')} error={fieldError(error, 'validFrom')}>
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                required
                value={validFrom}
                onChange={(e) => setValidFrom(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('validUntil')}
            hint={t('validUntilHint', { days: MAX_VALIDITY_DAYS })}
            error={fieldError(error, 'validUntil')}
          >
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                required
                value={validUntil}
                onChange={(e) => setValidUntil(e.target.value)}
              />
            )}
          </Field>
        </div>
        <Field label={t('case')} error={fieldError(error, 'caseId')}>
          {(p) => (
            <RecordSelect
              {...p}
              records={cases.data?.items.map((c) => ({ id: c.id, label: c.codeName }))}
              value={caseId}
              onChange={setCaseId}
              empty={t('noCase')}
            />
          )}
        </Field>
        <ErrorMessage error={error} shownFields={FIELDS} />
        <ErrorMessage error={authorities.error} />
        <p>
          <button type="submit" className="primary" disabled={action.busy}>
            {t('submit')}
          </button>
        </p>
      </Form>
    </Page>
  );
}
