import { Tag } from 'antd';
import type { Delegation } from '../../api/types';
import { useDateFormats } from '../../components/dates';
import { useT } from '../../i18n/i18n';

const stateColors: Record<Delegation['state'], string> = {
  active: 'green',
  revoked: 'default',
  lapsed: 'orange',
  transferred: 'purple',
  user_disabled: 'red',
};

export function DelegationState({ d }: { d: Delegation }) {
  const t = useT();
  return <Tag color={stateColors[d.state]}>{t.known('delegation.state', d.state)}</Tag>;
}

/** How a grant began and ended, in one line: "张三 于 … 授权；李四 于 … 收回". */
export function useDelegationHistory() {
  const t = useT();
  const fmt = useDateFormats();
  return (d: Delegation) => {
    const parts = [t('delegation.grantedBy', { by: d.grantedByName ?? d.fromUserName, at: fmt.dateTimeShort(d.grantedAt) })];
    if (d.state === 'lapsed') parts.push(t('delegation.lapsedOn', { date: fmt.date(d.endsOn) }));
    else if (d.state !== 'active' && d.endedAt) {
      const at = fmt.dateTimeShort(d.endedAt);
      if (d.state === 'revoked') parts.push(t('delegation.endedRevoked', { by: d.endedByName ?? t('audit.actor.system'), at }));
      else if (d.state === 'transferred') parts.push(t('delegation.endedTransferred', { at }));
      else parts.push(t('delegation.endedDisabled', { at }));
    }
    return parts.join(t('delegation.historySeparator'));
  };
}
