import { createContext, lazy, Suspense, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { theme, type ModalFuncProps } from 'antd';

// The confirm dialogs of the logged-in pages (delete, revoke…), themed and localised by the
// ConfigProvider. This replaces antd's <App>, of which only `modal.confirm` was used: <App> also
// mounts message and notification, and brings the Modal code to every page. Here the Modal code
// (modal-host.tsx) loads when the first confirm is asked for.
export interface ModalApi {
  confirm: (config: ModalFuncProps) => void;
}

const ModalContext = createContext<ModalApi | null>(null);
const ModalHost = lazy(() => import('./modal-host'));

export function ModalProvider({ children }: { children: ReactNode }) {
  const pending = useRef<ModalFuncProps[]>([]);
  const [asked, setAsked] = useState(0);
  const modal = useMemo<ModalApi>(
    () => ({
      confirm: (config) => {
        pending.current.push(config);
        setAsked((n) => n + 1);
      },
    }),
    [],
  );
  const { token } = theme.useToken();
  // The base text style <App> gave its subtree.
  const style = { color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily };
  return (
    <ModalContext.Provider value={modal}>
      <div className="kehu-app" style={style}>
        {asked > 0 && (
          <Suspense fallback={null}>
            <ModalHost pending={pending} asked={asked} />
          </Suspense>
        )}
        {children}
      </div>
    </ModalContext.Provider>
  );
}

/** `{ modal }` as antd's `App.useApp()` gave it (`confirm` only). */
export function useAppModal(): { modal: ModalApi } {
  const modal = useContext(ModalContext);
  if (!modal) throw new Error('ModalProvider is missing');
  return { modal };
}
