import { useState } from 'react';
import { Button, Modal, Input, Space, Spin, Tag, Typography } from 'antd';
import { errorText } from '../../api/client';
import { useAddGenericKeyword, useDeleteGenericKeyword, useGenericKeywords } from '../../api/customers';
import { useMessages } from '../../components/messages';
import { useT } from '../../i18n/i18n';

/** The words refused as customer keywords (admin): list, add, delete the non-built-in ones. */
export function GenericKeywordsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { report } = useMessages();
  const words = useGenericKeywords(open);
  const add = useAddGenericKeyword();
  const remove = useDeleteGenericKeyword();
  const [word, setWord] = useState('');

  const onAdd = () => {
    const w = word.trim();
    if (!w) return;
    add.mutate(w, {
      onSuccess: (g) => {
        report({ type: 'success', text: t('generic.added', { word: g.word }) });
        setWord('');
      },
      onError: (e) => report({ type: 'error', text: t('generic.addFailed', { reason: errorText(e) }) }),
    });
  };

  const onDelete = (w: string) =>
    remove.mutate(w, {
      onSuccess: () => report({ type: 'success', text: t('generic.deleted', { word: w }) }),
      onError: (e) => report({ type: 'error', text: t('generic.deleteFailed', { word: w, reason: errorText(e) }) }),
    });

  return (
    <Modal title={t('generic.title')} open={open} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('generic.hint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input id="generic-word" maxLength={20} placeholder={t('generic.word')} value={word} onChange={(e) => setWord(e.target.value)} onPressEnter={onAdd} />
        <Button type="primary" onClick={onAdd} loading={add.isPending} disabled={!word.trim()} data-testid="generic-add">
          {t('generic.add')}
        </Button>
      </Space.Compact>
      {words.isPending ? (
        <Spin />
      ) : (
        <div style={{ maxHeight: 360, overflowY: 'auto', display: 'flex', flexWrap: 'wrap', gap: 6 }} data-testid="generic-list">
          {(words.data ?? []).map((g) => (
            <Tag
              key={g.word}
              color={g.builtIn ? undefined : 'blue'}
              closable={!g.builtIn}
              onClose={(e) => {
                e.preventDefault();
                onDelete(g.word);
              }}
              title={g.builtIn ? t('generic.builtIn') : undefined}
              style={{ marginInlineEnd: 0 }}
            >
              {g.word}
            </Tag>
          ))}
        </div>
      )}
    </Modal>
  );
}
