import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMe } from '../../api/session';
import { useDateFormats } from '../../components/dates';
import { useT } from '../../i18n/i18n';
import './print.css';

/** Opens the browser's print dialog once, when the content is ready (not under automation, so tests can look at it). */
export function useAutoPrint(ready: boolean) {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    if (navigator.webdriver) return;
    const timer = setTimeout(() => window.print(), 300);
    return () => clearTimeout(timer);
  }, [ready]);
}

/** The page frame of a print view: a print button (hidden on paper), the title and who printed when. */
export function PrintFrame({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const t = useT();
  const fmt = useDateFormats();
  const me = useMe().data;
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <div className="kehu-print" data-testid={testId}>
      <div className="kehu-print-bar">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('print.button')}
        </Button>
      </div>
      <h1>{title}</h1>
      <div className="kehu-print-meta">{t('print.printedAt', { time: fmt.dateTime(new Date().toISOString()), name: me?.displayName ?? '' })}</div>
      {children}
    </div>
  );
}
