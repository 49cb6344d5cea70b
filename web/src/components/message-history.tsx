import { Button, Drawer, Empty, Table, Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { useMessageText, useTimeFormat, type Message, type MessageType } from './messages';

const tagColor: Record<MessageType, string> = { success: 'success', error: 'error', info: 'processing' };

/** The session's messages, newest first. */
export function MessageHistoryDrawer({ messages, onClose, onClear }: { messages: readonly Message[]; onClose: () => void; onClear: () => void }) {
  const t = useT();
  const fmt = useTimeFormat();
  const textOf = useMessageText();
  return (
    <Drawer
      title={t('msg.history.title')}
      open
      onClose={onClose}
      size={560}
      extra={
        <Button size="small" onClick={onClear} disabled={messages.length === 0}>
          {t('msg.history.clear')}
        </Button>
      }
    >
      {messages.length === 0 ? (
        <Empty description={t('msg.history.empty')} />
      ) : (
        <Table<Message>
          data-testid="message-history"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={[...messages].reverse()}
          columns={[
            { title: t('msg.history.time'), dataIndex: 'at', width: 90, render: (at: Date) => fmt.format(at) },
            {
              title: t('msg.history.type'),
              dataIndex: 'type',
              width: 80,
              render: (type: MessageType) => <Tag color={tagColor[type]}>{t(`msg.type.${type}`)}</Tag>,
            },
            { title: t('msg.history.text'), dataIndex: 'text', render: (_: string, m: Message) => textOf(m) },
          ]}
        />
      )}
    </Drawer>
  );
}
