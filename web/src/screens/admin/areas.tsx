import { useState } from 'react';
import { api } from '../../api/client';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, fieldError, Form, Page } from '../../ui/components';
import { query } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { useAction } from '../../ui/use-action';
import { ListFooter } from '../../ui/lists';
import type { AreaResponse } from './admin-types';
import './admin.css';

const messages = {
  fr: {
    title: 'Régions, cercles et communes',
    path: "Fil d'Ariane",
    mali: 'Mali',
    regions: 'Régions',
    cercles: 'Cercles de {name}',
    communes: 'Communes du cercle de {name}',
    addHeading: 'Ajouter une commune à {name}',
    name: 'Nom de la commune',
    submit: 'Ajouter la commune',
    added: 'Commune « {name} » ajoutée.',
  },
  en: {
    title: 'Regions, cercles and communes',
    path: 'Breadcrumb',
    mali: 'Mali',
    regions: 'Regions',
    cercles: 'Cercles of {name}',
    communes: 'Communes of the cercle of {name}',
    addHeading: 'Add a commune to {name}',
    name: 'Commune name',
    submit: 'Add commune',
    added: 'Commune “{name}” added.',
  },
} satisfies Messages<string>;

function CommuneForm({
  cercle,
  onAdded,
}: {
  cercle: AreaResponse;
  onAdded: (name: string) => void;
}) {
  const t = useT(messages);
  const [name, setName] = useState('');
  const action = useAction();

  function submit() {
    void action.run(async () => {
      const created = await api.post<AreaResponse>('/areas', {
        name: name.trim(),
        level: 'commune',
        parentId: cercle.id,
      });
      setName('');
      onAdded(created.name);
    });
  }

  return (
    <Form className="admin-form" onSubmit={submit}>
      <h2>{t('addHeading', { name: cercle.name })}</h2>
      <ErrorMessage error={action.error} shownFields={['name']} />
      <Field label={t('name')} error={fieldError(action.error, 'name')}>
        {(p) => <input {...p} name="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('submit')}
      </button>
    </Form>
  );
}

/** Browse the area tree one level at a time; the admin adds communes under a cercle. */
export default function Areas() {
  const t = useT(messages);
  // The chosen region and cercle: the list shows the children of the deepest one.
  const [trail, setTrail] = useState<AreaResponse[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const parent = trail.at(-1);
  const list = usePaged<AreaResponse>(
    `/areas${parent ? query({ parentId: parent.id }) : query({ level: 'region' })}`,
  );
  const heading = !parent
    ? t('regions')
    : parent.level === 'region'
      ? t('cercles', { name: parent.name })
      : t('communes', { name: parent.name });

  const go = (next: AreaResponse[]) => {
    setTrail(next);
    setAdded(null);
  };

  return (
    <Page title={t('title')}>
      <nav aria-label={t('path')}>
        <ol className="row breadcrumb">
          <li>
            {trail.length === 0 ? (
              <span aria-current="location">{t('mali')}</span>
            ) : (
              <button type="button" className="link-button" onClick={() => go([])}>
                {t('mali')}
              </button>
            )}
          </li>
          {trail.map((x, i) => (
            <li key={x.id}>
              {i === trail.length - 1 ? (
                <span aria-current="location">{x.name}</span>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => go(trail.slice(0, i + 1))}
                >
                  {x.name}
                </button>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {added && (
        <p className="alert alert-success" role="status">
          {t('added', { name: added })}
        </p>
      )}
      {parent?.level === 'cercle' && (
        <CommuneForm
          cercle={parent}
          onAdded={(name) => {
            setAdded(name);
            list.reload();
          }}
        />
      )}
      <h2>{heading}</h2>
      <ul className="area-list" aria-label={heading}>
        {list.items.map((x) => (
          <li key={x.id}>
            {x.level === 'commune' ? (
              <p>{x.name}</p>
            ) : (
              <button type="button" className="link-button" onClick={() => go([...trail, x])}>
                {x.name} ›
              </button>
            )}
          </li>
        ))}
      </ul>
      <ListFooter list={list} />
    </Page>
  );
}
