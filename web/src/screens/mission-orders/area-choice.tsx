import { useT, type Messages } from '../../i18n/i18n';
import { useAreas } from '../../ui/area-picker';
import { useApi } from '../../ui/use-api';
import { CheckList } from '../meetings/choices';
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
  onChange,
}: {
  areaId: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useT(messages);
  const area = useApi<Area>(`/areas/${areaId}`, { keep: true });
  const children = useAreas({ parentId: areaId });
  if (!area.data) return null;
  const whole = {
    id: area.data.id,
    label:
      area.data.level === 'commune'
        ? area.data.name
        : t('whole', { name: area.data.name, level: t(area.data.level) }),
  };
  const under = [...(children.data?.items ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ({ id: a.id, label: a.name }));
  return <CheckList items={[whole, ...under]} selected={selected} onChange={onChange} />;
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
  return (
    <>
      {jurisdiction.map((id) => (
        <JurisdictionArea key={id} areaId={id} selected={selected} onChange={onChange} />
      ))}
    </>
  );
}
