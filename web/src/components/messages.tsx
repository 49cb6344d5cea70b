import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Button } from 'antd';
import { Text } from './text';
import { sourceOf, useLocale, useT, type MessageKey, type Params } from '../i18n/i18n';

export type MessageType = 'success' | 'error' | 'info';
export interface Message {
  id: number;
  at: Date;
  type: MessageType;
  /** As shown when it was reported. */
  text: string;
  /** Where the text came from, if `t` made it: it is shown in the language of the moment. */
  key?: MessageKey;
  params?: Params;
}

interface MessagesValue {
  messages: readonly Message[];
  /** Records the result of an operation: shown in the message strip and kept in the session history. */
  report: (m: { type: MessageType; text: string }) => void;
  clear: () => void;
}

const MessagesContext = createContext<MessagesValue | null>(null);
// Kept in sessionStorage so that the history survives a reload of the page within this browser session.
const storageKey = 'kehu.messages';
const maxKept = 500;

function loadStored(): Message[] {
  try {
    const raw = sessionStorage.getItem(storageKey);
    if (!raw) return [];
    const parsed = JSON.parse(raw) as (Omit<Message, 'at'> & { at: string })[];
    return parsed.map((m) => ({ ...m, at: new Date(m.at) }));
  } catch {
    return [];
  }
}

function store(messages: Message[]) {
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(messages));
  } catch {
    // Storage full or unavailable: the history still lives in memory.
  }
}

/** Holds this browser session's operation messages (manual zone 3). Mount once, near the root. */
export function MessagesProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>(loadStored);
  const report = useCallback((m: { type: MessageType; text: string }) => {
    setMessages((prev) => {
      const next = [...prev, { id: (prev.at(-1)?.id ?? 0) + 1, at: new Date(), type: m.type, text: m.text, ...sourceOf(m.text) }].slice(-maxKept);
      store(next);
      return next;
    });
  }, []);
  const clear = useCallback(() => {
    store([]);
    setMessages([]);
  }, []);
  const value = useMemo(() => ({ messages, report, clear }), [messages, report, clear]);
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>;
}

export function useMessages(): MessagesValue {
  const v = useContext(MessagesContext);
  if (!v) throw new Error('MessagesProvider is missing');
  return v;
}

const textColor: Record<MessageType, string> = { success: '#389e0d', error: '#cf1322', info: '#0958d9' };
const background: Record<MessageType, string> = { success: '#f6ffed', error: '#fff2f0', info: '#e6f4ff' };

// The history (a table in a drawer) is loaded only when first opened.
const MessageHistoryDrawer = lazy(() => import('./message-history').then((m) => ({ default: m.MessageHistoryDrawer })));

export function useTimeFormat() {
  const [locale] = useLocale();
  return useMemo(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }), [locale]);
}

/** A message's text in the language of the moment (a text `t` did not make stays as it was). */
export function useMessageText(): (m: Message) => string {
  const t = useT();
  return useCallback((m: Message) => (m.key ? t(m.key, m.params) : m.text), [t]);
}

/** The persistent strip with the latest message and the history button. */
export function MessageBar() {
  const t = useT();
  const textOf = useMessageText();
  const { messages, clear } = useMessages();
  const [open, setOpen] = useState(false);
  const fmt = useTimeFormat();
  const last = messages.at(-1);
  return (
    <>
      <div
        role="status"
        aria-live="polite"
        data-testid="message-bar"
        data-type={last?.type ?? 'idle'}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '6px 16px',
          minHeight: 40,
          borderTop: '1px solid #f0f0f0',
          background: last ? background[last.type] : '#fafafa',
        }}
      >
        <Text type="secondary" style={{ flex: 'none' }}>
          {t('msg.bar.title')}
        </Text>
        <span
          data-testid="message-text"
          style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: last ? textColor[last.type] : '#8c8c8c' }}
          title={last ? textOf(last) : undefined}
        >
          {last ? `${fmt.format(last.at)}  ${textOf(last)}` : t('msg.bar.idle')}
        </span>
        <Button size="small" onClick={() => setOpen(true)} data-testid="message-history-button">
          {t('msg.history.button', { count: messages.length })}
        </Button>
      </div>
      {open && (
        <Suspense fallback={null}>
          <MessageHistoryDrawer messages={messages} onClose={() => setOpen(false)} onClear={clear} />
        </Suspense>
      )}
    </>
  );
}
