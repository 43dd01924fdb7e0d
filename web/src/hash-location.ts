import { useSyncExternalStore } from 'react';

/**
 * Routing in the URL fragment, query included: `#/meetings/new?caseId=…`.
 * (wouter's own hash hook moves the query before the fragment, so a link
 * copied or typed in the fragment form would not route.) The page itself is
 * always `/`: the server and the service worker need to know only that.
 */
const subscribe = (onChange: () => void): (() => void) => {
  addEventListener('hashchange', onChange);
  return () => removeEventListener('hashchange', onChange);
};

const fragment = (): string => '/' + location.hash.replace(/^#?\/?/, '');
const pathOf = (f: string): string => f.split('?')[0];
const searchOf = (f: string): string => (f.includes('?') ? f.slice(f.indexOf('?') + 1) : '');

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const oldURL = location.href;
  const url = new URL(oldURL);
  url.hash = '/' + to.replace(/^#?\/?/, '');
  history[options.replace ? 'replaceState' : 'pushState'](null, '', url.href);
  dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: url.href }));
}

export function useFragmentLocation(): [string, typeof navigate] {
  return [useSyncExternalStore(subscribe, () => pathOf(fragment())), navigate];
}
useFragmentLocation.hrefs = (href: string): string => '#' + href;

export const useFragmentSearch = (): string =>
  useSyncExternalStore(subscribe, () => searchOf(fragment()));
