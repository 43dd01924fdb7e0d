import { useSignedInUser } from '../../auth/session';
import { useT, type Messages } from '../../i18n/i18n';
import { Page } from '../../ui/components';
import '../accords/accords.css';
import { CoordinatorBoard } from './coordinator-board';
import { AccordStats } from './official-stats';

const messages = {
  fr: {
    title: 'Tableau de bord',
    accords: 'Accords à suivre, les plus fragiles en premier',
    stats: 'Vue d’ensemble par zone',
  },
  en: {
    title: 'Dashboard',
    accords: 'Accords to watch, most fragile first',
    stats: 'Overview by area',
  },
} satisfies Messages<string>;

/**
 * Coordinators see their association's accords one by one, worst first (and
 * the aggregate below); officials see only the aggregate, never a case.
 */
export default function Dashboard() {
  const t = useT(messages);
  const user = useSignedInUser();
  const isCoordinator = user.role === 'coordinator';
  return (
    <Page title={t('title')}>
      {isCoordinator && (
        <section className="section" aria-labelledby="dash-accords">
          <h2 id="dash-accords">{t('accords')}</h2>
          <CoordinatorBoard />
        </section>
      )}
      <section className="section" aria-labelledby="dash-stats">
        <h2 id="dash-stats">{t('stats')}</h2>
        <AccordStats />
      </section>
    </Page>
  );
}
