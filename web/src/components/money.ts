import { useCallback } from 'react';
import type { Rule } from 'antd/es/form';
import { formatCny, formatMoney, MONEY_PATTERN, parseMoney } from '../../../common/money.js';
import { useLocale, type Translate } from '../i18n/i18n';

/** Parses a two-decimal money string of the API ("-12.50" too) into integer fen. */
export function fenOf(s: string | null | undefined): number {
  if (!s) return 0;
  const v = s.trim();
  return v.startsWith('-') ? -parseMoney(v.slice(1)) : parseMoney(v);
}

/** Formats an API money string ("1280.50") as CNY in the UI language. */
export function useMoney() {
  const [locale] = useLocale();
  return useCallback((s: string | number | null | undefined) => (s === null || s === undefined || s === '' ? '' : formatCny(typeof s === 'number' ? s : fenOf(s), locale)), [locale]);
}

/** Whether a typed amount is valid money: not negative, at most two decimals. */
export function isMoney(v: string | null | undefined): boolean {
  return typeof v === 'string' && MONEY_PATTERN.test(v.trim());
}

/** A form rule for money inputs (strings, never floats). */
export function moneyRule(t: Translate, required = false): Rule {
  return {
    validator: (_r, value: string | undefined) => {
      if (value === undefined || value === null || value.trim() === '') return required ? Promise.reject(new Error(t('common.required'))) : Promise.resolve();
      return isMoney(value) ? Promise.resolve() : Promise.reject(new Error(t('money.invalid')));
    },
  };
}

/** A money string as the API wants it: trimmed, always two decimals. */
export function moneyInput(v: string | undefined | null): string | undefined {
  if (v === undefined || v === null || v.trim() === '') return undefined;
  return formatMoney(parseMoney(v.trim()));
}
