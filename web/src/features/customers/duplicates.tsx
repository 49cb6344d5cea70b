import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import type { ModalApi } from '../../components/app-modal';
import { ApiError } from '../../api/client';
import { checkDuplicates } from '../../api/duplicates';
import type { DuplicateMatch } from '../../api/types';
import { useT, type Translate } from '../../i18n/i18n';

/** Characters after the server's normalisation (NFKC, no spaces), to skip checks it would not answer. */
const normalisedLength = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').length;

/**
 * Asks the server, ~400 ms after the last keystroke, which existing customers the typed name or
 * keyword may duplicate. Once rate limited (429) it stays quiet until the form is opened again.
 */
export function useLiveDuplicates(name: string, keyword: string, excludeId: string | undefined, active: boolean): DuplicateMatch[] {
  const [matches, setMatches] = useState<DuplicateMatch[]>([]);
  const [limited, setLimited] = useState(false);
  const askName = normalisedLength(name) >= 4 ? name.trim() : undefined;
  const askKeyword = normalisedLength(keyword) >= 2 ? keyword.trim() : undefined;
  const ask = active && !limited && (askName !== undefined || askKeyword !== undefined);

  useEffect(() => {
    if (!ask) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkDuplicates({ name: askName, keyword: askKeyword, excludeId }, controller.signal)
        .then((r) => setMatches(r.matches))
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 429) setLimited(true);
          // Any other failure: no warning now; saving still checks on the server.
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [ask, askName, askKeyword, excludeId]);

  useEffect(() => {
    if (!active) setLimited(false);
  }, [active]);

  return ask ? matches : [];
}

export function MatchList({ matches }: { matches: readonly DuplicateMatch[] }) {
  const t = useT();
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="duplicate-matches">
      {matches.map((m, i) => (
        <li key={i}>{t('customer.duplicate.item', { name: m.customerName, owner: m.ownerName })}</li>
      ))}
    </ul>
  );
}

export function DuplicateWarning({ matches }: { matches: readonly DuplicateMatch[] }) {
  const t = useT();
  if (matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      title={
        <>
          {t('customer.duplicate.live')}
          <MatchList matches={matches} />
        </>
      }
    />
  );
}

/** Asks whether to save despite the possible duplicates; resolves true to save anyway. */
export function confirmDuplicates(modal: ModalApi, t: Translate, matches: readonly DuplicateMatch[]): Promise<boolean> {
  return new Promise((resolve) => {
    modal.confirm({
      title: t('customer.duplicate.confirmTitle'),
      content: (
        <div data-testid="duplicate-confirm">
          <div>{t('customer.duplicate.confirmText')}</div>
          <MatchList matches={matches} />
        </div>
      ),
      okText: t('customer.duplicate.confirmOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { id: 'duplicate-confirm-ok' },
      width: 480,
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}

export function matchesOf(e: unknown): DuplicateMatch[] | null {
  if (!(e instanceof ApiError) || e.code !== 'duplicate_keyword') return null;
  const m = e.details.matches;
  return Array.isArray(m) ? (m as DuplicateMatch[]) : [];
}
