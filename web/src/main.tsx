import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadSession } from './auth/session-store';
import { SessionProvider } from './auth/session';
import { LangProvider } from './i18n/i18n';
import './styles.css';

/**
 * Screens opened before the service worker took over (on the very first
 * visit) did not pass through it: asked again now, they come from the
 * browser's HTTP cache and the worker keeps them for offline use.
 */
function keepScreensAlreadyOpened(): void {
  for (const entry of performance.getEntriesByType('resource'))
    if (new URL(entry.name).pathname.startsWith('/assets/'))
      void fetch(entry.name).catch(() => undefined);
}

async function start(): Promise<void> {
  await loadSession().catch(() => null);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LangProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </LangProvider>
    </StrictMode>,
  );
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    navigator.serviceWorker.addEventListener('controllerchange', keepScreensAlreadyOpened);
  }
}

void start();
