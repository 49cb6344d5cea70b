import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import type { ModalApi } from '../../components/app-modal';
import { ApiError } from '../../api/client';
import { checkDuplicates } from '../../api/duplicates';
import type { DuplicateMatch } from '../../api/types';
import { Text } from '../../components/text';
import { useT, type Translate } from '../../i18n/i18n';
import { ReasonTag } from '../duplicates/reasons';

/** Characters after the server's normalisation (NFKC, no spaces), to skip checks it would not answer. */
const normalisedLength = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').length;

interface Probe {
  name?: string | undefined;
  keyword?: string | undefined;
}

/** The one part of a probe a 422 refused (too short, too generic), if it names exactly one. */
function refusedPart(e: ApiError): keyof Probe | null {
  const named = [typeof e.details.field === 'string' ? e.details.field : null, ...Object.keys(e.fields)].filter((f) => f === 'name' || f === 'keyword');
  const parts = [...new Set(named)];
  return parts.length === 1 ? (parts[0] as keyof Probe) : null;
}

/**
 * The matches of a probe. A refused part (422: a generic keyword, a name too short for the
 * server) is dropped and the rest asked again, so a common word does not hide a look-alike name;
 * a probe with nothing usable left has no matches. Other failures are thrown.
 */
async function matchesFor(probe: Probe, excludeId: string | undefined, signal: AbortSignal): Promise<DuplicateMatch[]> {
  try {
    return (await checkDuplicates({ ...probe, excludeId }, signal)).matches;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 422) throw e;
    const refused = refusedPart(e);
    const rest: Probe = { ...probe };
    if (refused) delete rest[refused];
    if (!refused || (rest.name === undefined && rest.keyword === undefined)) return [];
    return matchesFor(rest, excludeId, signal);
  }
}

export interface LiveDuplicates {
  matches: DuplicateMatch[];
  /** The salesperson's duplicate budget is spent (429): no live check until it allows again. */
  paused: boolean;
}

/**
 * Asks the server, ~400 ms after the last keystroke, which existing customers the typed name or
 * keyword may duplicate. A refused probe (422) just shows no warning; once rate limited (429) it
 * pauses until the server's Retry-After has passed, or until the form is opened again.
 */
export function useLiveDuplicates(name: string, keyword: string, excludeId: string | undefined, active: boolean): LiveDuplicates {
  const [matches, setMatches] = useState<DuplicateMatch[]>([]);
  // Seconds to wait after a 429 (0 when the server gave none: paused until the form reopens).
  const [pause, setPause] = useState<number | null>(null);
  const paused = pause !== null;
  const askName = normalisedLength(name) >= 4 ? name.trim() : undefined;
  const askKeyword = normalisedLength(keyword) >= 2 ? keyword.trim() : undefined;
  const ask = active && !paused && (askName !== undefined || askKeyword !== undefined);

  useEffect(() => {
    if (!ask) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      matchesFor({ name: askName, keyword: askKeyword }, excludeId, controller.signal)
        .then(setMatches)
        .catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 429) {
            setMatches([]);
            setPause(e.retryAfterSeconds ?? 0);
          }
          // Any other failure: no warning now; saving still checks on the server.
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [ask, askName, askKeyword, excludeId]);

  useEffect(() => {
    if (!pause) return;
    // A day's budget may wait for hours; the form is rarely open that long, but then it resumes.
    const timer = setTimeout(() => setPause(null), Math.min(pause, 86_400) * 1000);
    return () => clearTimeout(timer);
  }, [pause]);

  useEffect(() => {
    if (!active) setPause(null);
  }, [active]);

  return { matches: ask ? matches : [], paused: active && paused };
}

export function MatchList({ matches }: { matches: readonly DuplicateMatch[] }) {
  const t = useT();
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="duplicate-matches">
      {matches.map((m, i) => (
        <li key={i} style={{ overflowWrap: 'anywhere' }}>
          {t('customer.duplicate.item', { name: m.customerName, owner: m.ownerName })} <ReasonTag reason={m.reason} />
        </li>
      ))}
    </ul>
  );
}

export function DuplicateWarning({ live }: { live: LiveDuplicates }) {
  const t = useT();
  if (live.paused) {
    return (
      <Text type="secondary" className="kehu-duplicate-paused" data-testid="duplicate-paused">
        {t('customer.duplicate.paused')}
      </Text>
    );
  }
  if (live.matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      title={
        <>
          {t('customer.duplicate.live')}
          <MatchList matches={live.matches} />
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
