import type { AuditChange } from '../../api/types';
import type { Translate } from '../../i18n/i18n';

type Value = AuditChange['old'];

/** Renders a stored value for a reader: booleans and known enumerations translated, empties marked. */
export function formatValue(t: Translate, field: string, v: Value): string {
  if (v === null || v === '') return t('common.empty');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (field === 'role') return t.known('role', String(v));
  if (field === 'method') return t.known('followup.method', String(v));
  if (field === 'state') return t.known('delegation.state', String(v));
  if (field === 'quoteStatus') return t.known('quote.status', String(v));
  if (field === 'serviceStatus') return t.known('service.status', String(v));
  if (field === 'priority') return t.known('service.priority', String(v));
  return String(v);
}

/** "field: old → new", in the reader's language. */
export function formatChange(t: Translate, c: AuditChange): string {
  return `${t.known('audit.field', c.field)}: ${formatValue(t, c.field, c.old)} → ${formatValue(t, c.field, c.new)}`;
}

/** A change as a log entry of `action` shows it: a created record only its values, a deleted one what it had. */
export function formatChangeOf(t: Translate, action: string, c: AuditChange): string {
  if ((action === 'created' || action === 'imported') && (c.old === null || c.old === '')) return `${t.known('audit.field', c.field)}: ${formatValue(t, c.field, c.new)}`;
  if (action === 'deleted' && (c.new === null || c.new === '')) return `${t.known('audit.field', c.field)}: ${formatValue(t, c.field, c.old)}`;
  return formatChange(t, c);
}

/** What a log entry of a customer says happened ("新建联系人"), in the reader's language. */
export function formatLogAction(t: Translate, entity: string, action: string): string {
  const combined = t.known('log', `${entity}.${action}`);
  if (combined !== `${entity}.${action}`) return combined;
  return `${t.known('audit.entity', entity)} · ${t.known('audit.action', action)}`;
}
