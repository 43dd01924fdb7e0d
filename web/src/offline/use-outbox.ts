import { useEffect, useState } from 'react';
import { useUser } from '../auth/session';
import { listOutbox, onOutboxChange, type OutboxItem } from './outbox';

/** The current user's queued writes, kept up to date. */
export function useOutbox(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  // Listed again when another user signs in on this device: the queue is per user.
  const userId = useUser()?.id;
  useEffect(() => {
    let live = true;
    const refresh = () => void listOutbox().then((next) => live && setItems(next));
    refresh();
    const off = onOutboxChange(refresh);
    return () => {
      live = false;
      off();
    };
  }, [userId]);
  return items;
}

/** Whether the browser believes it has a network link. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}
