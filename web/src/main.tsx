import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadSession } from './auth/session-store';
import { SessionProvider } from './auth/session';
import { LangProvider } from './i18n/i18n';
import './styles.css';

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
  }
}

void start();
