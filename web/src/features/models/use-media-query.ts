import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, updated when it changes (`useMediaQuery('(min-width: 768px)')`). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Tailwind's `md` breakpoint: tables from here up, cards below. */
export function useIsDesktop(): boolean {
  return useMediaQuery('(min-width: 768px)');
}
