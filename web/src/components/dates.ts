import { useMemo } from 'react';
import { useLocale } from '../i18n/i18n';

/** Formats calendar dates (`YYYY-MM-DD`, no time zone) and instants in the UI language. */
export function useDateFormats() {
  const [locale] = useLocale();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const instant = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const compact = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    const md = new Intl.DateTimeFormat(locale, { month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    return {
      date: (s: string | null | undefined) => (s ? day.format(new Date(`${s}T00:00:00Z`)) : ''),
      dateTime: (s: string | null | undefined) => (s ? instant.format(new Date(s)) : ''),
      /** For narrow table columns. */
      dateTimeShort: (s: string | null | undefined) => (s ? compact.format(new Date(s)) : ''),
      /** Month and day of a calendar date ("12-31" style), for compact marks. */
      monthDay: (s: string | null | undefined) => (s ? md.format(new Date(`${s}T00:00:00Z`)).replace(/\//g, '-') : ''),
    };
  }, [locale]);
}
