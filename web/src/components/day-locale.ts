import { useEffect } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLocale } from '../i18n/i18n';

/** Date pickers speak the UI language. */
export function useDayjsLocale() {
  const [locale] = useLocale();
  useEffect(() => {
    dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  }, [locale]);
}

export const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');
export const ymdOrNull = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
