import type { Page as ApiPage } from '../../api/types';
import { useT, type Messages } from '../../i18n/i18n';
import { useApi } from '../../ui/use-api';
import type { Area } from './mo-types';

const messages = {
  fr: { whole: '{name} (tout le {level})', region: 'région', cercle: 'cercle', commune: 'commune' },
  en: {
    whole: '{name} (the whole {level})',
    region: 'region',
    cercle: 'cercle',
    commune: 'commune',
  },
} satisfies Messages<string>;

/** One area of the authority's jurisdiction, and the areas directly under it, as checkboxes. */
function JurisdictionArea({
  areaId,
  selected,
  onToggle,
}: {
  areaId: string;
  selected: string[];
  onToggle: (id: string, on: boolean) => void;
}) {
  const t = useT(messages);
  const area = useApi<Area>(`/areas/${areaId}`, { keep: true });
  const children = useApi<ApiPage<Area>>(`/areas?parentId=${areaId}&limit=100`, { keep: true });
  if (!area.data) return null;
  const box = (a: Area, label: string) => (
    <label key={a.id} className="checkbox">
      <input
        type="checkbox"
        checked={selected.includes(a.id)}
        onChange={(e) => onToggle(a.id, e.target.checked)}
      />
      {label}
    </label>
  );
  return (
    <>
      {area.data.level === 'commune'
        ? box(area.data, area.data.name)
        : box(area.data, t('whole', { name: area.data.name, level: t(area.data.level) }))}
      {[...(children.data?.items ?? [])]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((a) => box(a, a.name))}
    </>
  );
}

/** The areas an order may cover: those of the chosen authority's jurisdiction. */
export function AreaChoice({
  jurisdiction,
  selected,
  onChange,
}: {
  jurisdiction: string[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <>
      {jurisdiction.map((id) => (
        <JurisdictionArea key={id} areaId={id} selected={selected} onToggle={toggle} />
      ))}
    </>
  );
}
