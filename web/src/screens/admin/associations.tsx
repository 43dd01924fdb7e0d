import { useState } from 'react';
import { api } from '../../api/client';
import type { Page as ApiPage } from '../../api/types';
import { formatDate, useLang, useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Page } from '../../ui/components';
import { useApi } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { useAction } from '../../ui/use-action';
import { ListFooter } from '../../ui/lists';
import type { AssociationResponse, AuthorityResponse } from './admin-types';
import { useAdminT } from './admin-words';
import { NamedSelect } from './named-select';
import './admin.css';

const messages = {
  fr: {
    title: 'Associations',
    heading: 'Nouvelle association',
    name: 'Nom',
    registrationNumber: "Numéro d'enregistrement (facultatif)",
    authority: 'Enregistrée auprès de (facultatif)',
    none: '— Aucune —',
    submit: "Créer l'association",
    created: 'Association « {name} » créée.',
    list: 'Liste des associations',
    registration: 'Enregistrement : {number}',
    since: 'Créée le {date}',
  },
  en: {
    title: 'Associations',
    heading: 'New association',
    name: 'Name',
    registrationNumber: 'Registration number (optional)',
    authority: 'Registered with (optional)',
    none: '— None —',
    submit: 'Create association',
    created: 'Association “{name}” created.',
    list: 'Association list',
    registration: 'Registration: {number}',
    since: 'Created on {date}',
  },
} satisfies Messages<string>;

function AssociationForm({
  authorities,
  onCreated,
}: {
  authorities: AuthorityResponse[];
  onCreated: (a: AssociationResponse) => void;
}) {
  const t = useT(messages);
  const [name, setName] = useState('');
  const [registrationNumber, setNumber] = useState('');
  const [authorityId, setAuthorityId] = useState('');
  const action = useAction();

  function submit() {
    void action.run(async () => {
      const created = await api.post<AssociationResponse>('/associations', {
        name: name.trim(),
        ...(registrationNumber.trim() ? { registrationNumber: registrationNumber.trim() } : {}),
        ...(authorityId ? { registeredWithAuthorityId: authorityId } : {}),
      });
      setName('');
      setNumber('');
      setAuthorityId('');
      onCreated(created);
    });
  }

  return (
    <Form className="admin-form" onSubmit={submit}>
      <h2>{t('heading')}</h2>
      <ErrorMessage
        error={action.error}
        shownFields={['name', 'registrationNumber', 'registeredWithAuthorityId']}
      />
      <Field label={t('name')} error={fieldError(action.error, 'name')}>
        {(p) => <input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('registrationNumber')} error={fieldError(action.error, 'registrationNumber')}>
        {(p) => (
          <input
            {...p}
            name="registrationNumber"
            value={registrationNumber}
            onChange={(e) => setNumber(e.target.value)}
          />
        )}
      </Field>
      <NamedSelect
        label={t('authority')}
        items={authorities}
        value={authorityId}
        onChange={setAuthorityId}
        placeholder={t('none')}
        error={fieldError(action.error, 'registeredWithAuthorityId')}
      />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('submit')}
      </button>
    </Form>
  );
}

export default function Associations() {
  const t = useT(messages);
  const a = useAdminT();
  const { lang } = useLang();
  const list = usePaged<AssociationResponse>('/associations');
  const authorities = useApi<ApiPage<AuthorityResponse>>('/authorities?limit=100');
  const [created, setCreated] = useState<string | null>(null);
  const authorityName = (id: string) =>
    authorities.data?.items.find((x) => x.id === id)?.name ?? a('unknown');

  return (
    <Page title={t('title')}>
      {created && (
        <p className="alert alert-success" role="status">
          {t('created', { name: created })}
        </p>
      )}
      <AssociationForm
        authorities={authorities.data?.items ?? []}
        onCreated={(x) => {
          setCreated(x.name);
          list.reload();
        }}
      />
      <ul className="cards" aria-label={t('list')}>
        {list.items.map((x) => (
          <li key={x.id} className="card">
            <h2 className="card-title">{x.name}</h2>
            {x.registrationNumber && <p>{t('registration', { number: x.registrationNumber })}</p>}
            {x.registeredWithAuthorityId && <p>{authorityName(x.registeredWithAuthorityId)}</p>}
            <p className="muted">{t('since', { date: formatDate(x.createdAt, lang) })}</p>
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
    </Page>
  );
}
