import { ApiError } from './client';

type Query = Record<string, string | number | boolean | null | undefined>;

function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a file answer of the API (same-origin cookie auth) and hands it to the browser as a
 * download, so that success and failure can be reported. Resolves to the file name.
 */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  let res: Response;
  try {
    res = await fetch(`${path}?${params.toString()}`, { credentials: 'same-origin', headers: { 'Accept-Language': document.documentElement.lang || 'zh-CN' } });
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', message: document.documentElement.lang === 'en-US' ? 'Cannot reach the server; check the network' : '无法连接服务器，请检查网络' });
  }
  if (!res.ok) {
    let err: { code?: string; message?: string; details?: Record<string, unknown> } | undefined;
    try {
      err = ((await res.json()) as { error?: typeof err }).error;
    } catch {
      err = undefined;
    }
    throw new ApiError({ status: res.status, code: err?.code ?? 'http_error', message: err?.message ?? `HTTP ${res.status}`, details: err?.details });
  }
  const name = fileNameOf(res, fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
