import { Component, lazy, type ComponentType, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { common } from './common-messages';

type Module = { default: ComponentType };

/**
 * A screen whose code loads on first use. Unlike a bare React.lazy, a failed
 * download (offline, before the screen was ever opened) is not remembered:
 * the next render tries again.
 */
export function lazyScreen(load: () => Promise<Module>): ComponentType {
  const retrying = (): Promise<Module> =>
    load().catch((error: unknown) => {
      current = lazy(retrying);
      throw error;
    });
  let current = lazy(retrying);
  return function LazyScreen() {
    const Loaded = current;
    return <Loaded />;
  };
}

function ScreenUnavailable({ onRetry }: { onRetry: () => void }) {
  const t = useT(common);
  return (
    <div className="page">
      <p className="alert alert-warning" role="alert" data-testid="screen-unavailable">
        {navigator.onLine ? t('unexpected') : t('screenNotSaved')}
      </p>
      <p>
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      </p>
    </div>
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

  private readonly retry = (): void => this.setState({ failed: false });

  componentDidMount(): void {
    addEventListener('online', this.retry);
  }

  componentWillUnmount(): void {
    removeEventListener('online', this.retry);
  }

  render(): ReactNode {
    return this.state.failed ? <ScreenUnavailable onRetry={this.retry} /> : this.props.children;
  }
}
