import { MONEY_MAX_FEN, formatMoney } from './money.js';

// Custom validation messages used in the shared schemas, keyed so that the server can answer
// in the request's language. A schema passes the key as its message.
export const validationMessages = {
  id: { zh: '必须是有效的编号', en: 'must be a valid id' },
  date: { zh: '必须是有效日期（YYYY-MM-DD）', en: 'must be a real date (YYYY-MM-DD)' },
  username: { zh: '只能包含字母、数字和 . _ @ -', en: 'may contain only letters, digits and . _ @ -' },
  required: { zh: '必填', en: 'is required' },
  password: { zh: '密码至少 8 个字符', en: 'the password needs at least 8 characters' },
  email: { zh: '邮箱格式不正确', en: 'is not a valid email address' },
  money: { zh: '金额必须是不小于 0 的数字，最多两位小数', en: 'must be an amount of at least 0 with at most two decimals' },
  moneyMax: { zh: `金额超出上限（最多 ${formatMoney(MONEY_MAX_FEN)}）`, en: `the amount is too large (at most ${formatMoney(MONEY_MAX_FEN)})` },
  quantity: { zh: '数量最多三位小数', en: 'a quantity has at most three decimals' },
} as const;
export type ValidationMessageKey = keyof typeof validationMessages;
