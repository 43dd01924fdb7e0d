import { useState } from 'react';
import { api } from '../../api/client';
import type { Page as ApiPage, Schemas } from '../../api/types';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Loaded } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { useAction } from '../../ui/use-action';
import type { CaseResponse, TeamMember } from './case-types';

const messages = {
  fr: {
    heading: 'Équipe',
    lead: 'Responsable',
    since: 'depuis le {date}',
    add: 'Ajouter à l’équipe',
    member: 'Médiateur',
    choose: '— Choisir —',
    makeLead: 'En faire le responsable du dossier',
    remove: 'Retirer',
    confirmRemove: 'Retirer {name} de l’équipe ?',
    nobodyLeft: 'Tous les médiateurs de l’association sont déjà dans l’équipe.',
    onlyCoordinators: 'Seul un coordinateur de l’association peut modifier l’équipe.',
  },
  en: {
    heading: 'Team',
    lead: 'Lead',
    since: 'since {date}',
    add: 'Add to the team',
    member: 'Mediator',
    choose: '— Choose —',
    makeLead: 'Make them the case lead',
    remove: 'Remove',
    confirmRemove: 'Remove {name} from the team?',
    nobodyLeft: 'Every mediator of the association is already on the team.',
    onlyCoordinators: 'Only a coordinator of the association can change the team.',
  },
} satisfies Messages<string>;

type User = Schemas['UserResponse'];

/** The case team; coordinators manage it (access.md: "manage case team"). */
export function CaseTeam({
  value,
  canManage,
  onChanged,
}: {
  value: CaseResponse;
  canManage: boolean;
  onChanged: () => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const team = useApi<Schemas['TeamResponse']>(`/cases/${value.id}/team`, { keep: true });
  const action = useAction();

  function remove(m: TeamMember) {
    if (!window.confirm(t('confirmRemove', { name: m.displayName }))) return;
    void action.run(async () => {
      await api.delete(`/cases/${value.id}/team/${m.userId}`);
      team.reload();
      onChanged();
    });
  }

  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t('heading')}</h2>
      <ErrorMessage error={action.error} />
      <Loaded state={team}>
        {(data) => (
          <>
            <ul className="cards" aria-label={t('heading')}>
              {data.items.map((m) => (
                <li key={m.userId} className="card">
                  <p className="card-title">
                    {m.displayName} {m.lead && <span className="pill pill-info">{t('lead')}</span>}
                  </p>
                  <p className="muted">{t('since', { date: formatDate(m.addedAt, lang) })}</p>
                  {canManage && (
                    <button type="button" className="danger" onClick={() => remove(m)}>
                      {t('remove')}
                      <span className="visually-hidden"> {m.displayName}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {canManage ? (
              <AddMember
                value={value}
                members={data.items.map((m) => m.userId)}
                onAdded={() => {
                  team.reload();
                  onChanged();
                }}
              />
            ) : (
              <p className="hint">{t('onlyCoordinators')}</p>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function AddMember({
  value,
  members,
  onAdded,
}: {
  value: CaseResponse;
  members: string[];
  onAdded: () => void;
}) {
  const t = useT(messages);
  // A coordinator lists their own association's users (GET /users).
  const users = useApi<ApiPage<User>>('/users?limit=100');
  const [userId, setUserId] = useState('');
  const [lead, setLead] = useState(false);
  const action = useAction();
  const candidates = (users.data?.items ?? []).filter(
    (u) =>
      u.role === 'mediator' &&
      !u.disabled &&
      u.associationId === value.associationId &&
      !members.includes(u.id),
  );

  function submit() {
    void action.run(async () => {
      await api.post(`/cases/${value.id}/team`, { userId, lead: lead || undefined });
      setUserId('');
      setLead(false);
      onAdded();
    });
  }

  if (users.data && candidates.length === 0) return <p className="hint">{t('nobodyLeft')}</p>;
  return (
    <Form className="inline-form" onSubmit={submit} aria-label={t('add')}>
      <h3>{t('add')}</h3>
      <ErrorMessage error={users.error} />
      <Field label={t('member')} error={fieldError(action.error, 'userId')}>
        {(p) => (
          <select {...p} value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('choose')}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={lead} onChange={(e) => setLead(e.target.checked)} />
        {t('makeLead')}
      </label>
      <ErrorMessage error={action.error} shownFields={['userId']} />
      <button type="submit" className="primary">
        {t('add')}
      </button>
    </Form>
  );
}
