import { useState } from 'react';
import { api } from '../../api/client';
import type { Schemas } from '../../api/types';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { useAction } from '../../ui/use-action';
import { ListFooter } from '../../ui/lists';
import type { AreaResponse, AuthorityResponse } from './admin-types';
import { AreaChooser } from './area-chooser';
import './admin.css';

const messages = {
  fr: {
    title: 'Autorités',
    heading: 'Nouvelle autorité',
    name: 'Nom (ex. Préfecture de Koro)',
    submit: "Créer l'autorité",
    created: 'Autorité « {name} » créée.',
    list: 'Liste des autorités',
    jurisdiction: 'Compétente sur :',
    since: 'Créée le {date}',
    scope_jurisdiction: 'Statistiques des accords : sa juridiction seulement',
    scope_all: 'Statistiques des accords : tous les cercles',
    widen: 'Ouvrir les statistiques de tous les cercles',
    narrow: 'Limiter les statistiques à sa juridiction',
    confirmWiden:
      'Donner aux officiels de « {name} » les statistiques des accords de tous les cercles, au-delà de leur juridiction ?',
  },
  en: {
    title: 'Authorities',
    heading: 'New authority',
    name: 'Name (e.g. Préfecture de Koro)',
    submit: 'Create authority',
    created: 'Authority “{name}” created.',
    list: 'Authority list',
    jurisdiction: 'Jurisdiction:',
    since: 'Created on {date}',
    scope_jurisdiction: 'Accord statistics: its jurisdiction only',
    scope_all: 'Accord statistics: every cercle',
    widen: 'Open the statistics of every cercle',
    narrow: 'Limit the statistics to its jurisdiction',
    confirmWiden:
      'Give the officials of “{name}” the accord statistics of every cercle, beyond their jurisdiction?',
  },
} satisfies Messages<string>;

function AreaLabel({ id }: { id: string }) {
  const area = useApi<AreaResponse>(`/areas/${id}`);
  return <>{area.data?.name ?? '…'}</>;
}

function AuthorityForm({ onCreated }: { onCreated: (a: AuthorityResponse) => void }) {
  const t = useT(messages);
  const [name, setName] = useState('');
  const [areas, setAreas] = useState<AreaResponse[]>([]);
  const action = useAction();

  function submit() {
    void action.run(async () => {
      const created = await api.post<AuthorityResponse>('/authorities', {
        name: name.trim(),
        jurisdictionAreaIds: areas.map((x) => x.id),
      });
      setName('');
      setAreas([]);
      onCreated(created);
    });
  }

  return (
    <Form className="admin-form" onSubmit={submit}>
      <h2>{t('heading')}</h2>
      <ErrorMessage error={action.error} shownFields={['name', 'jurisdictionAreaIds']} />
      <Field label={t('name')} error={fieldError(action.error, 'name')}>
        {(p) => <input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <AreaChooser
        value={areas}
        onChange={setAreas}
        error={fieldError(action.error, 'jurisdictionAreaIds')}
      />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('submit')}
      </button>
    </Form>
  );
}

/** Which accord statistics the authority's officials see; wider than the jurisdiction only by an admin's choice. */
function StatsScope({
  authority,
  onChange,
}: {
  authority: AuthorityResponse;
  onChange: (a: AuthorityResponse) => void;
}) {
  const t = useT(messages);
  const action = useAction();
  const wide = authority.statsScope === 'all';

  function toggle() {
    if (!wide && !window.confirm(t('confirmWiden', { name: authority.name }))) return;
    void action.run(async () => {
      const body: Schemas['UpdateAuthorityDto'] = { statsScope: wide ? 'jurisdiction' : 'all' };
      onChange(
        await api.patch<AuthorityResponse>(`/authorities/${authority.id}`, body, authority.version),
      );
    });
  }

  return (
    <>
      <ErrorMessage error={action.error} />
      <p className="row">
        <span className={`pill ${wide ? 'pill-warning' : 'pill-info'}`}>
          {t(wide ? 'scope_all' : 'scope_jurisdiction')}
        </span>
        <button type="button" disabled={action.busy} onClick={toggle}>
          {t(wide ? 'narrow' : 'widen')}
        </button>
      </p>
    </>
  );
}

export default function Authorities() {
  const t = useT(messages);
  const { lang } = useLang();
  const list = usePaged<AuthorityResponse>('/authorities');
  const [created, setCreated] = useState<string | null>(null);
  const [changed, setChanged] = useState<Record<string, AuthorityResponse>>({});

  return (
    <Page title={t('title')}>
      {created && (
        <p className="alert alert-success" role="status">
          {t('created', { name: created })}
        </p>
      )}
      <AuthorityForm
        onCreated={(x) => {
          setCreated(x.name);
          list.reload();
        }}
      />
      <ul className="cards" aria-label={t('list')}>
        {list.items
          .map((item) => changed[item.id] ?? item)
          .map((x) => (
            <li key={x.id} className="card">
              <h2 className="card-title">{x.name}</h2>
              {x.jurisdictionAreaIds.length > 0 && (
                <p>
                  {t('jurisdiction')}{' '}
                  {x.jurisdictionAreaIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <AreaLabel id={id} />
                    </span>
                  ))}
                </p>
              )}
              <StatsScope
                authority={x}
                onChange={(a) => setChanged((m) => ({ ...m, [a.id]: a }))}
              />
              <p className="muted">{t('since', { date: formatDate(x.createdAt, lang) })}</p>
            </li>
          ))}
      </ul>
      <ListFooter list={list} />
    </Page>
  );
}
