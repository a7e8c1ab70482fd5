/**
 * The operator's public face (`GET /api/public/site`): the site name, logo, tagline, footer and
 * the announcements live now, read by the landing page, the console frame and every tab title.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../api/schema';
import { api } from './api';

export type PublicSite = ApiResponse<'/api/public/site', 'get'>;
export type PublicAnnouncement = PublicSite['announcements'][number];
export type Bilingual = { en: string; zh: string };

export const siteQueryKey = ['public', 'site'] as const;

/** The name used until the site settings arrive (and when they cannot). */
export const DEFAULT_SITE_NAME = 'AIHub';

export function useSite() {
  return useQuery({
    queryKey: siteQueryKey,
    queryFn: ({ signal }) => api.get<PublicSite>('/api/public/site', { signal }),
    staleTime: 60_000,
  });
}

export function useSiteName(): string {
  return useSite().data?.name ?? DEFAULT_SITE_NAME;
}

/** The text in the viewer's language, or in the other one when that is empty. */
export function localized(text: Bilingual, language: string | undefined): string {
  const [first, second] = language === 'zh' ? [text.zh, text.en] : [text.en, text.zh];
  return first.trim() ? first : second;
}

/** Sets the tab title to "<page> · <site name>" (just the site name without a page). */
export function useDocumentTitle(page: string | undefined): void {
  const name = useSiteName();
  useEffect(() => {
    document.title = page ? `${page} · ${name}` : name;
  }, [page, name]);
}

/** The viewer's language, `en` or `zh`, re-rendering when it changes. */
export function useLanguage(): 'en' | 'zh' {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
}
