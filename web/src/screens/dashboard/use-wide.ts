import { useEffect, useState } from 'react';

const QUERY = '(min-width: 900px)';

/** Whether the screen is wide enough for a table (a laptop) rather than cards (a phone). */
export function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const change = () => setWide(media.matches);
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, []);
  return wide;
}
