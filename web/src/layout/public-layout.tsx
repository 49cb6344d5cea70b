import type { ReactNode } from 'react';
import { Panel } from '../components/panel';
import { Title } from '../components/text';
import { LanguageSwitch } from '../components/language-switch';
import { MessageBar } from '../components/messages';
import { useT } from '../i18n/i18n';

/** The frame of the pages shown before login: product name, language switch, a centred card, the message strip. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f0f2f5' }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '12px 24px' }}>
        <Title style={{ margin: 0 }}>
          {t('app.name')}
        </Title>
        <LanguageSwitch />
      </header>
      <main style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Panel title={title} style={{ width: 420, maxWidth: '100%' }}>
          {children}
        </Panel>
      </main>
      <MessageBar />
    </div>
  );
}
