import { Tag } from 'antd';
import type { QuoteStatus } from '../../api/types';
import { useT } from '../../i18n/i18n';

const colors: Record<QuoteStatus, string> = { draft: 'default', sent: 'blue', accepted: 'green', rejected: 'red', expired: 'orange' };

export function QuoteStatusTag({ status }: { status: QuoteStatus }) {
  const t = useT();
  return (
    <Tag color={colors[status]} data-testid="quote-status">
      {t.known('quote.status', status)}
    </Tag>
  );
}
