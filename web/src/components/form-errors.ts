import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Puts a 422's field messages onto the matching form fields; returns true when any matched. */
export function applyFieldErrors(form: FormInstance, e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const entries = Object.entries(e.fields).filter(([name]) => known.has(name));
  if (entries.length === 0) return false;
  form.setFields(entries.map(([name, message]) => ({ name, errors: [message] })));
  return true;
}
