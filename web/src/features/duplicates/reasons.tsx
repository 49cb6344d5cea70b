import { Tag } from 'antd';
import type { DuplicateReason } from '../../api/types';
import { useT, type MessageKey } from '../../i18n/i18n';

export const reasonKey = (reason: DuplicateReason): MessageKey => `duplicate.reason.${reason}`;

// Equal keys are the strong rules; a name holding a keyword is a weaker hint.
const strong: readonly DuplicateReason[] = ['same_keyword', 'same_name'];

/** The rule that made two customers look alike, as a small tag. */
export function ReasonTag({ reason }: { reason: DuplicateReason }) {
  const t = useT();
  return (
    <Tag color={strong.includes(reason) ? 'volcano' : 'gold'} data-testid="duplicate-reason" style={{ marginInlineEnd: 0 }}>
      {t(reasonKey(reason))}
    </Tag>
  );
}
