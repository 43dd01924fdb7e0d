import { Page } from '../../ui/components';

export default function Screen() {
  return <Page title="notifications">…</Page>;
}
