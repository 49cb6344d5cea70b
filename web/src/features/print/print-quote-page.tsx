import { useParams } from 'react-router';
import { Alert } from 'antd';
import { errorText } from '../../api/client';
import { useContacts } from '../../api/contacts';
import { useCustomer } from '../../api/customers';
import { useQuote } from '../../api/quotes';
import { useDateFormats } from '../../components/dates';
import { Loading } from '../../components/loading';
import { fenOf, useMoney } from '../../components/money';
import { useLocale, useT } from '../../i18n/i18n';
import { PrintFrame, useAutoPrint } from './print-common';

const digits = '零壹贰叁肆伍陆柒捌玖';
const units = ['', '拾', '佰', '仟'];
const groups = ['', '万', '亿', '万亿'];

/** An amount in fen in Chinese capital numerals, as written on quotes and invoices: 壹万贰仟捌佰元整. */
export function capitalCny(fen: number): string {
  if (fen === 0) return '零元整';
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = '';
  if (yuan > 0) {
    const s = String(yuan);
    let zero = false;
    for (let i = 0; i < s.length; i++) {
      const d = Number(s[i]);
      const pos = s.length - 1 - i;
      if (d === 0) zero = true;
      else {
        if (zero && out) out += '零';
        zero = false;
        out += (digits[d] ?? '') + (units[pos % 4] ?? '');
      }
      if (pos % 4 === 0 && pos > 0) {
        const group = s.slice(Math.max(0, i - 3), i + 1);
        if (Number(group) > 0) out += groups[pos / 4] ?? '';
      }
    }
    out += '元';
  }
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao > 0) out += `${digits[jiao] ?? ''}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${digits[cents] ?? ''}分`;
  return out;
}

/** A4 print view of one quote: customer, lines, total, validity and signature lines. */
export function PrintQuotePage() {
  const t = useT();
  const [locale] = useLocale();
  const fmt = useDateFormats();
  const money = useMoney();
  const { customerId, quoteId } = useParams();
  const customer = useCustomer(customerId);
  const contacts = useContacts(customerId);
  const quote = useQuote(customerId, quoteId);
  const ready = customer.isSuccess && quote.isSuccess && contacts.isSuccess;
  useAutoPrint(ready);

  const error = customer.error ?? quote.error ?? contacts.error;
  if (error) return <Alert type="error" showIcon style={{ margin: 24 }} title={t('print.loadFailed', { reason: errorText(error) })} />;
  if (!ready) return <Loading />;
  const c = customer.data;
  const q = quote.data;
  const primary = contacts.data.items.find((k) => k.isPrimary) ?? contacts.data.items[0];
  const gross = q.lines.reduce((a, l) => a + fenOf(l.amount) + fenOf(l.discount), 0);
  const discount = q.lines.reduce((a, l) => a + fenOf(l.discount), 0);

  return (
    <PrintFrame title={t('printQuote.title')} testId="print-quote">
      <table className="kehu-print-details">
        <tbody>
          <tr>
            <th>{t('printQuote.customer')}</th>
            <td colSpan={3}>{c.name}</td>
          </tr>
          <tr>
            <th>{t('printQuote.contact')}</th>
            <td>{primary ? `${primary.name}${primary.title ? `（${primary.title}）` : ''}` : ''}</td>
            <th>{t('field.phone')}</th>
            <td>{primary?.mobile || primary?.phone || c.phone}</td>
          </tr>
          <tr>
            <th>{t('field.address')}</th>
            <td colSpan={3}>{c.address}</td>
          </tr>
          <tr>
            <th>{t('quote.quotedOn')}</th>
            <td>{fmt.date(q.quotedOn)}</td>
            <th>{t('quote.validUntil')}</th>
            <td data-testid="print-quote-validity">{q.validUntil ? fmt.date(q.validUntil) : t('quote.noValidity')}</td>
          </tr>
          <tr>
            <th>{t('printQuote.number')}</th>
            <td>{`Q${q.quotedOn.replace(/-/g, '')}-${q.id}`}</td>
            <th>{t('printQuote.salesperson')}</th>
            <td>{c.ownerName}</td>
          </tr>
        </tbody>
      </table>

      <h2>{t('printQuote.lines')}</h2>
      <table data-testid="print-quote-lines">
        <thead>
          <tr>
            <th style={{ width: '6%' }}>#</th>
            <th style={{ width: '14%' }}>{t('product.code')}</th>
            <th>{t('product.name')}</th>
            <th style={{ width: '8%' }}>{t('product.unit')}</th>
            <th style={{ width: '9%', textAlign: 'right' }}>{t('quote.quantity')}</th>
            <th style={{ width: '15%', textAlign: 'right' }}>{t('quote.unitPrice')}</th>
            <th style={{ width: '12%', textAlign: 'right' }}>{t('quote.discount')}</th>
            <th style={{ width: '16%', textAlign: 'right' }}>{t('quote.lineAmount')}</th>
          </tr>
        </thead>
        <tbody>
          {q.lines.map((l, i) => (
            <tr key={l.id}>
              <td>{i + 1}</td>
              <td>{l.productCode}</td>
              <td>{l.productName}</td>
              <td>{l.unit}</td>
              <td style={{ textAlign: 'right' }}>{l.quantity}</td>
              <td style={{ textAlign: 'right' }}>{money(l.unitPrice)}</td>
              <td style={{ textAlign: 'right' }}>{fenOf(l.discount) > 0 ? money(l.discount) : ''}</td>
              <td style={{ textAlign: 'right' }}>{money(l.amount)}</td>
            </tr>
          ))}
          {discount > 0 && (
            <tr>
              <td colSpan={7} style={{ textAlign: 'right' }}>
                {t('printQuote.gross')} {money(gross)}，{t('printQuote.discountTotal')} {money(discount)}
              </td>
              <td />
            </tr>
          )}
          <tr>
            <th colSpan={7} style={{ textAlign: 'right' }}>
              {t('quote.total')}
              {locale === 'zh-CN' ? `（大写：${capitalCny(fenOf(q.amount))}）` : ''}
            </th>
            <th style={{ textAlign: 'right' }} data-testid="print-quote-total">
              {money(q.amount)}
            </th>
          </tr>
        </tbody>
      </table>

      <h2>{t('printQuote.terms')}</h2>
      <p className="kehu-print-pre">
        {q.validUntil ? t('printQuote.validityText', { date: fmt.date(q.validUntil) }) : t('printQuote.noValidityText')}
        {q.notes ? `\n${q.notes}` : ''}
      </p>

      <div className="kehu-print-signatures">
        <div>
          <div>{t('printQuote.supplierSign')}</div>
          <div className="kehu-print-sign-line">{t('printQuote.signature')}</div>
          <div className="kehu-print-sign-line">{t('printQuote.date')}</div>
        </div>
        <div>
          <div>{t('printQuote.customerSign')}</div>
          <div className="kehu-print-sign-line">{t('printQuote.signature')}</div>
          <div className="kehu-print-sign-line">{t('printQuote.date')}</div>
        </div>
      </div>
    </PrintFrame>
  );
}
