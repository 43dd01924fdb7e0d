import { useState } from 'react';
import type { Page as ApiPage } from '../../api/types';
import { useT, type Messages } from '../../i18n/i18n';
import { Field } from '../../ui/components';
import { query, useApi } from '../../ui/use-api';
import type { Area } from './case-types';

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
function useAreas(params: { level?: string; parentId?: string } | null) {
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
      <Field label={t('region')}>
        {(props) => (
          <select
            {...props}
            value={regionId}
            onChange={(e) => {
              setRegionId(e.target.value);
              setCercleId('');
              onChange('');
            }}
          >
            <option value="">{placeholder}</option>
            {regions.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('cercle')}>
        {(props) => (
          <select
            {...props}
            value={cercleId}
            disabled={!regionId}
            onChange={(e) => {
              setCercleId(e.target.value);
              onChange('');
            }}
          >
            <option value="">{placeholder}</option>
            {cercles.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('commune')} error={error}>
        {(props) => (
          <select
            {...props}
            value={value}
            disabled={!cercleId}
            onChange={(e) => onChange(e.target.value)}
          >
            <option value="">{placeholder}</option>
            {communes.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

/** The name of an area by id (kept on the device so lists read offline). */
export function AreaName({ id }: { id: string }) {
  const t = useT(messages);
  const area = useApi<Area>(`/areas/${id}`, { keep: true });
  return <>{area.data?.name ?? t('unknownArea')}</>;
}
