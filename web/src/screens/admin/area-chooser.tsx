import { useState } from 'react';
import { useT, type Messages } from '../../i18n/i18n';
import { useAreas } from '../../ui/area-picker';
import type { AreaResponse } from './admin-types';
import { useAdminT } from './admin-words';
import { NamedSelect } from './named-select';

const messages = {
  fr: {
    whole: '— Toute la zone au-dessus —',
    add: 'Ajouter cette zone',
    remove: 'Retirer {name}',
    chosen: 'Zones de compétence',
    noneChosen: 'Aucune zone choisie.',
  },
  en: {
    whole: '— The whole area above —',
    add: 'Add this area',
    remove: 'Remove {name}',
    chosen: 'Jurisdiction',
    noneChosen: 'No area chosen.',
  },
} satisfies Messages<string>;

/**
 * Several areas of any level (region, cercle or commune) for an authority's
 * jurisdiction: pick down the tree as far as needed, then add.
 */
export function AreaChooser({
  value,
  onChange,
  error,
}: {
  value: AreaResponse[];
  onChange: (areas: AreaResponse[]) => void;
  error?: string;
}) {
  const t = useT(messages);
  const a = useAdminT();
  const [regionId, setRegionId] = useState('');
  const [cercleId, setCercleId] = useState('');
  const [communeId, setCommuneId] = useState('');
  const regions = useAreas({ level: 'region' }).data?.items ?? [];
  const cercles = useAreas(regionId ? { parentId: regionId } : null).data?.items ?? [];
  const communes = useAreas(cercleId ? { parentId: cercleId } : null).data?.items ?? [];
  const picked =
    communes.find((x) => x.id === communeId) ??
    cercles.find((x) => x.id === cercleId) ??
    regions.find((x) => x.id === regionId);

  return (
    <fieldset>
      <legend>{t('chosen')}</legend>
      {value.length === 0 ? (
        <p className="muted">{t('noneChosen')}</p>
      ) : (
        <ul className="chosen-areas">
          {value.map((x) => (
            <li key={x.id} className="pill pill-info">
              {a(`level_${x.level}`)} {x.name}
              <button
                type="button"
                className="link-button"
                aria-label={t('remove', { name: x.name })}
                onClick={() => onChange(value.filter((y) => y.id !== x.id))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error">{error}</p>}
      <NamedSelect
        label={a('level_region')}
        value={regionId}
        items={regions}
        placeholder={a('choose')}
        onChange={(id) => {
          setRegionId(id);
          setCercleId('');
          setCommuneId('');
        }}
      />
      <NamedSelect
        label={a('level_cercle')}
        value={cercleId}
        items={cercles}
        placeholder={t('whole')}
        disabled={!regionId}
        onChange={(id) => {
          setCercleId(id);
          setCommuneId('');
        }}
      />
      <NamedSelect
        label={a('level_commune')}
        value={communeId}
        items={communes}
        placeholder={t('whole')}
        disabled={!cercleId}
        onChange={setCommuneId}
      />
      <button
        type="button"
        disabled={!picked || value.some((x) => x.id === picked.id)}
        onClick={() => picked && onChange([...value, picked])}
      >
        {t('add')}
      </button>
    </fieldset>
  );
}
