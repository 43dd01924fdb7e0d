import { useState } from 'react';
import { Link } from 'wouter';
import { useT, type Messages } from '../../i18n/i18n';
import { ErrorMessage, Field, Form, Loading, Page, SavedCopyNotice } from '../../ui/components';
import { query } from '../../ui/use-api';
import { usePaged } from '../../ui/use-paged';
import { AreaName, AreaPicker } from '../../ui/area-picker';
import { EnumSelect, LoadMore } from '../../ui/lists';
import { CASE_STATUSES, type CaseResponse, type CaseStatus } from './case-types';
import { CaseStatusPill, useCaseT } from './case-words';
import './cases.css';

const messages = {
  fr: {
    title: 'Mes dossiers',
    newCase: 'Nouveau dossier',
    filters: 'Filtrer',
    search: 'Rechercher',
    searchHint: 'Nom de code ou résumé',
    empty: 'Aucun dossier ne correspond.',
  },
  en: {
    title: 'My cases',
    newCase: 'New case',
    filters: 'Filter',
    search: 'Search',
    searchHint: 'Code name or summary',
    empty: 'No case matches.',
  },
} satisfies Messages<string>;

export default function CaseList() {
  const t = useT(messages);
  const ct = useCaseT();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [areaId, setAreaId] = useState('');
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const cases = usePaged<CaseResponse>(`/cases${query({ status, areaId, q })}`, { keep: true });

  return (
    <Page
      title={t('title')}
      actions={
        <Link href="/cases/new" className="button primary">
          {t('newCase')}
        </Link>
      }
    >
      <details className="case-filter-box">
        <summary>{t('filters')}</summary>
        <Form
          className="case-filters"
          role="search"
          aria-label={t('filters')}
          onSubmit={() => setQ(typed.trim())}
        >
          <Field label={t('search')} hint={t('searchHint')}>
            {(props) => (
              <input
                {...props}
                type="search"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onBlur={() => setQ(typed.trim())}
              />
            )}
          </Field>
          <Field label={ct('status')}>
            {(props) => (
              <EnumSelect
                {...props}
                values={CASE_STATUSES}
                value={status}
                onChange={setStatus}
                label={(s) => ct(`status_${s}`)}
                empty={ct('all')}
              />
            )}
          </Field>
          <AreaPicker value={areaId} onChange={setAreaId} optional />
        </Form>
      </details>

      <SavedCopyNotice savedAt={cases.savedAt} />
      <ErrorMessage error={cases.error} />
      {cases.items.length === 0 && !cases.loading && !cases.error && (
        <p className="muted">{t('empty')}</p>
      )}
      <ul className="cards" aria-label={t('title')}>
        {cases.items.map((item) => (
          <li key={item.id} className="card case-card">
            <Link href={`/cases/${item.id}`} className="card-title card-link" data-card-link>
              {item.codeName}
            </Link>
            <p>
              <AreaName id={item.areaId} /> · {ct(`type_${item.type}`)}
            </p>
            <p>
              <CaseStatusPill status={item.status} />
            </p>
          </li>
        ))}
      </ul>
      {cases.loading && <Loading />}
      <LoadMore list={cases} />
    </Page>
  );
}
