import type { Locale } from '../i18n/messages';

/**
 * The run's time in UTC, as a reader of the locale writes a date: `2026-11-22 00:11 UTC`
 * in English, `2026 年 11 月 22 日 00:11 UTC` in Japanese prose. Built by hand, not with
 * Intl: Node's ICU (static render) and the reader's browser (hydration) may format
 * differently, and a mismatch would be a React error on every page.
 */
export function formatRunDate(iso: string, locale: Locale = 'en'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const [day = '', time = ''] = date.toISOString().slice(0, 16).split('T');
  if (locale === 'ja') {
    const [year, month, dayOfMonth] = day.split('-').map(Number);
    return `${year} 年 ${month} 月 ${dayOfMonth} 日 ${time} UTC`;
  }
  return `${day} ${time} UTC`;
}
