import { useState } from 'react';
import type { Page as ApiPage, Schemas } from '../api/types';
import { useT, type Messages } from '../i18n/i18n';
import { Field } from './components';
import { query, useApi } from './use-api';

type Area = Schemas['AreaResponse'];

const messages = {
  fr: {
    region: 'Région',
    cercle: 'Cercle',
    commune: 'Commune',
    choose: '— Choisir —',
    anyCommune: '— Toutes —',
    unknownArea: 'Commune',
  },
  en: {
    region: 'Region',
    cercle: 'Cercle',
    commune: 'Commune',
    choose: '— Choose —',
    anyCommune: '— All —',
    unknownArea: 'Commune',
  },
} satisfies Messages<string>;

/** The areas under a parent (or of a level), at most 100: a cercle has far fewer communes. */
export function useAreas(params: { level?: string; parentId?: string } | null) {
  return useApi<ApiPage<Area>>(params && `/areas${query({ ...params, limit: 100 })}`, {
    keep: true,
  });
}

/**
 * Region → cercle → commune, three short selects that stay usable at 360 px.
 * `onChange` receives the commune id, or '' while none is chosen.
 */
export function AreaPicker({
  value,
  onChange,
  error,
  optional = false,
}: {
  value: string;
  onChange: (communeId: string) => void;
  error?: string;
  optional?: boolean;
}) {
  const t = useT(messages);
  const [regionId, setRegionId] = useState('');
  const [cercleId, setCercleId] = useState('');
  const regions = useAreas({ level: 'region' });
  const cercles = useAreas(regionId ? { parentId: regionId } : null);
  const communes = useAreas(cercleId ? { parentId: cercleId } : null);
  const placeholder = optional ? t('anyCommune') : t('choose');

  return (
    <div className="area-picker">
      <AreaSelect
        label={t('region')}
        areas={regions.data?.items}
        value={regionId}
        placeholder={placeholder}
        onChange={(id) => {
          setRegionId(id);
          setCercleId('');
          onChange('');
        }}
      />
      <AreaSelect
        label={t('cercle')}
        areas={cercles.data?.items}
        value={cercleId}
        disabled={!regionId}
        placeholder={placeholder}
        onChange={(id) => {
          setCercleId(id);
          onChange('');
        }}
      />
      <AreaSelect
        label={t('commune')}
        areas={communes.data?.items}
        value={value}
        disabled={!cercleId}
        placeholder={placeholder}
        error={error}
        onChange={onChange}
      />
    </div>
  );
}

function AreaSelect({
  label,
  areas,
  value,
  disabled,
  placeholder,
  error,
  onChange,
}: {
  label: string;
  areas: Area[] | undefined;
  value: string;
  disabled?: boolean;
  placeholder: string;
  error?: string;
  onChange: (id: string) => void;
}) {
  return (
    <Field label={label} error={error}>
      {(props) => (
        <select
          {...props}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{placeholder}</option>
          {areas?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The name of an area by id (kept on the device so lists read offline). */
export function AreaName({ id }: { id: string }) {
  const t = useT(messages);
  const area = useApi<Area>(`/areas/${id}`, { keep: true });
  return <>{area.data?.name ?? t('unknownArea')}</>;
}
