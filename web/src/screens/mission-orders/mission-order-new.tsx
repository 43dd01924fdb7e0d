import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearch } from 'wouter';
import { api } from '../../api/client';
import type { Page as ApiPage } from '../../api/types';
import { useSignedInUser } from '../../auth/session';
import { fromLocalInput, toLocalInput, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import type { CaseResponse } from '../cases/case-types';
import { AreaChoice } from './area-choice';
import type { Authority, MissionOrderResponse, UserSummary } from './mo-types';

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
    validUntilHint: 'Au plus 90 jours après le début.',
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
    validUntilHint: 'At most 90 days after the start.',
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
  const users = useApi<ApiPage<UserSummary>>(
    user.role === 'coordinator' ? '/users?limit=100' : null,
  );
  const mediators = (users.data?.items ?? []).filter((u) => u.role === 'mediator' && !u.disabled);
  return (
    <fieldset className={error ? 'field-invalid' : ''}>
      <legend>{t('holders')}</legend>
      {user.role === 'mediator' ? (
        <p>{t('holderSelf', { name: user.displayName })}</p>
      ) : (
        mediators.map((u) => (
          <label key={u.id} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(u.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, u.id] : selected.filter((x) => x !== u.id),
                )
              }
            />
            {u.displayName}
            {!u.hasLegalIdentity && <span className="muted"> ({t('noIdentity')})</span>}
          </label>
        ))
      )}
      <ErrorMessage error={users.error} />
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

export default function MissionOrderNew() {
  const t = useT(messages);
  const user = useSignedInUser();
  const presetCase = new URLSearchParams(useSearch()).get('caseId') ?? '';
  const authorities = useApi<ApiPage<Authority>>('/authorities?limit=100');
  const cases = useApi<ApiPage<CaseResponse>>('/cases?limit=100', { keep: true });
  const [authorityId, setAuthorityId] = useState('');
  const [holders, setHolders] = useState<string[]>(user.role === 'mediator' ? [user.id] : []);
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [purpose, setPurpose] = useState('');
  const [validFrom, setValidFrom] = useState(() => toLocalInput(new Date()));
  const [validUntil, setValidUntil] = useState(() => toLocalInput(new Date(Date.now() + 30 * DAY)));
  const [caseId, setCaseId] = useState(presetCase);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<MissionOrderResponse | null>(null);
  const authority = authorities.data?.items.find((a) => a.id === authorityId);
  const theCase = cases.data?.items.find((c) => c.id === caseId);

  // The case's commune is the usual area: offer it checked.
  useEffect(() => {
    if (theCase) setAreaIds((ids) => (ids.length === 0 ? [theCase.areaId] : ids));
  }, [theCase]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
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
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

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
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label={t('authority')} error={fieldError(error, 'authorityId')}>
          {(p) => (
            <select
              {...p}
              required
              value={authorityId}
              onChange={(e) => setAuthorityId(e.target.value)}
            >
              <option value="">{t('chooseAuthority')}</option>
              {authorities.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <HolderChoice
          selected={holders}
          onChange={setHolders}
          error={fieldError(error, 'holderUserIds')}
        />
        <fieldset className={fieldError(error, 'areaIds') ? 'field-invalid' : ''}>
          <legend>{t('areas')}</legend>
          {authority ? (
            <AreaChoice
              jurisdiction={authority.jurisdictionAreaIds}
              selected={areaIds}
              onChange={setAreaIds}
            />
          ) : (
            <p className="muted">{t('chooseAuthorityFirst')}</p>
          )}
          {fieldError(error, 'areaIds') && (
            <p className="field-error">{fieldError(error, 'areaIds')}</p>
          )}
        </fieldset>
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
            hint={t('validUntilHint')}
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
            <select {...p} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              <option value="">{t('noCase')}</option>
              {cases.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.codeName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ErrorMessage error={error} shownFields={FIELDS} />
        <ErrorMessage error={authorities.error} />
        <p>
          <button type="submit" className="primary" disabled={busy}>
            {t('submit')}
          </button>
        </p>
      </form>
    </Page>
  );
}
