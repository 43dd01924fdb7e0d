import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { common } from './common-messages';
import { Page } from './components';

/**
 * A page load starts afresh: the browser remembers a screen's failed download
 * for as long as the page lives, so trying again means loading the page again
 * (the session, the records and the outbox are on the device; nothing is lost).
 */
const reloadPage = (): void => location.reload();

function ScreenUnavailable() {
  const t = useT(common);
  return (
    <Page title={t('screenUnavailable')}>
      <p className="alert alert-warning" role="alert" data-testid="screen-unavailable">
        {navigator.onLine ? t('unexpected') : t('screenNotSaved')}
      </p>
      <p>
        <button type="button" onClick={reloadPage}>
          {t('retry')}
        </button>
      </p>
    </Page>
  );
}

/**
 * Around the screens: a screen that cannot load (its code never downloaded on
 * this device and no connection) or fails says so, instead of blanking the
 * whole app; it tries again on "retry" and when the connection returns.
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private readonly onOnline = (): void => {
    if (this.state.failed) reloadPage();
  };

  componentDidMount(): void {
    addEventListener('online', this.onOnline);
  }

  componentWillUnmount(): void {
    removeEventListener('online', this.onOnline);
  }

  render(): ReactNode {
    return this.state.failed ? <ScreenUnavailable /> : this.props.children;
  }
}
