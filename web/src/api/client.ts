import type { Locale } from '../../../common/errors.js';

/** An error answer of the API (or a network failure, with status 0 and code `network_error`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field path → localized message, from a 422's `details.fields`. */
  readonly fields: Record<string, string>;
  readonly details: Record<string, unknown>;
  /** Seconds to wait, from a 429's `Retry-After` or `details.retryAfterSeconds`. */
  readonly retryAfterSeconds: number | null;

  constructor(init: { status: number; code: string; message: string; details?: Record<string, unknown>; retryAfterSeconds?: number | null }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? {};
    const fields = this.details.fields;
    this.fields = fields && typeof fields === 'object' ? (fields as Record<string, string>) : {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

let currentLocale: Locale = 'zh-CN';
/** Called by the i18n provider so that every request asks for messages in the UI language. */
export function setApiLocale(locale: Locale) {
  currentLocale = locale;
}

const networkMessages: Record<Locale, string> = {
  'zh-CN': '无法连接服务器，请检查网络',
  'en-US': 'Cannot reach the server; check the network',
};

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

function parseRetryAfter(res: Response, details: Record<string, unknown> | undefined): number | null {
  const fromDetails = details?.retryAfterSeconds;
  if (typeof fromDetails === 'number') return fromDetails;
  const header = res.headers.get('Retry-After');
  const n = header ? Number(header) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The one way the web app talks to the server. Resolves to the parsed JSON (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale };
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin', signal: options.signal };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network_error', message: networkMessages[currentLocale] });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError({
      status: res.status,
      code: err?.code ?? 'http_error',
      message: err?.message ?? `HTTP ${res.status}`,
      details: err?.details,
      retryAfterSeconds: res.status === 429 ? parseRetryAfter(res, err?.details) : null,
    });
  }
  return data as T;
}

/**
 * The user-facing reason of any thrown value. Field messages are the most concrete reason
 * ("用户名已被使用" rather than "记录已存在"), so they win, kept next to the general message for 422s.
 */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const fieldMessages = [...new Set(Object.values(e.fields).filter((m) => typeof m === 'string' && m))];
    if (fieldMessages.length === 0) return e.message;
    const en = currentLocale === 'en-US';
    const joined = fieldMessages.join(en ? '; ' : '；');
    if (e.code !== 'validation_failed') return joined;
    return en ? `${e.message} (${joined})` : `${e.message}（${joined}）`;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
