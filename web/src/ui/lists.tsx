import type { ChangeEvent, SelectHTMLAttributes } from 'react';
import { useT } from '../i18n/i18n';
import { common } from './common-messages';
import { ErrorMessage, Loading } from './components';
import type { PagedState } from './use-paged';

/**
 * Below a paginated list: its error, "nothing here" (or the list's own `empty`
 * words) when empty, the loading line, and the button for the next page.
 */
export function ListFooter({ list, empty }: { list: PagedState<unknown>; empty?: string }) {
  const c = useT(common);
  return (
    <>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error && (
        <p className="muted">{empty ?? c('none')}</p>
      )}
      {list.loading && <Loading />}
      <LoadMore list={list} />
    </>
  );
}

/** The button for a paginated list's next page, while there is one. */
export function LoadMore({ list }: { list: PagedState<unknown> }) {
  const c = useT(common);
  if (!list.hasMore || list.loading) return null;
  return (
    <p>
      <button type="button" onClick={list.loadMore}>
        {c('loadMore')}
      </button>
    </p>
  );
}

/**
 * A <select> over a closed vocabulary, each value shown in the user's words.
 * `empty` adds a first option with no value (a filter's "all", an optional field).
 */
export function EnumSelect<V extends string>({
  values,
  value,
  onChange,
  label,
  empty,
  ...rest
}: {
  values: readonly V[];
  value: V | '';
  onChange: (value: V | '') => void;
  label: (value: V) => string;
  empty?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select
      {...rest}
      value={value}
      onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value as V | '')}
    >
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </select>
  );
}
