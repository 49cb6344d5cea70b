// Error codes of the HTTP contract with their status and their message in each
// supported language. The server's error handler and the web client both read this table.
export const errorCatalog = {
  malformed_request: { status: 400, zh: '请求格式错误：无法解析的 JSON', en: 'Malformed request: the body is not valid JSON' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please log in first' },
  invalid_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  forbidden: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  already_exists: { status: 409, zh: '记录已存在', en: 'It already exists' },
  stale_version: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'Someone else changed this record; reload and try again' },
  in_use: { status: 409, zh: '该记录正在被使用，无法删除', en: 'It is in use and cannot be deleted' },
  last_admin: { status: 409, zh: '不能停用或降级自己或最后一位有效的管理员', en: 'You cannot disable or demote yourself or the last active administrator' },
  duplicate_keyword: { status: 409, zh: '可能与已有客户重复', en: 'This may duplicate an existing customer' },
  payload_too_large: { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  unsupported_media_type: { status: 415, zh: '请求必须使用 JSON 格式（Content-Type: application/json）', en: 'The request must be JSON (Content-Type: application/json)' },
  generic_keyword: { status: 422, zh: '这个词过于通用或太短，不能用来查找重复客户', en: 'This word is too generic or too short to look for duplicates with' },
  merged: { status: 422, zh: '该客户已合并到另一个客户，不能恢复', en: 'This customer was merged into another one and cannot be restored' },
  validation_failed: { status: 422, zh: '输入有误，请检查', en: 'Some input is invalid; please check it' },
  overpayment: { status: 422, zh: '付款金额超过了未付金额', en: 'The payment is more than is owed' },
  invalid_transition: { status: 422, zh: '当前状态下不能执行此操作', en: 'This cannot be done in its current state' },
  wrong_password: { status: 422, zh: '当前密码不正确', en: 'The current password is wrong' },
  rate_limited: { status: 429, zh: '尝试过于频繁，请稍后再试', en: 'Too many attempts; please try again later' },
  internal_error: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export type Locale = 'zh-CN' | 'en-US';

export function errorMessage(code: ErrorCode, locale: Locale): string {
  const entry = errorCatalog[code];
  return locale === 'en-US' ? entry.en : entry.zh;
}

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
