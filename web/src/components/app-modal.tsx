import { createContext, useContext, type ReactNode } from 'react';
import { Modal, theme } from 'antd';

// The confirm dialogs of the logged-in pages (delete, revoke…), themed and localised by the
// ConfigProvider. This replaces antd's <App>, of which only `modal` was used: <App> also mounts
// the message and notification machinery (some 9 kB gzip) on every page.
export type ModalApi = ReturnType<typeof Modal.useModal>[0];

const ModalContext = createContext<ModalApi | null>(null);

export function ModalProvider({ children }: { children: ReactNode }) {
  const [modal, holder] = Modal.useModal();
  const { token } = theme.useToken();
  // The base text style <App> gave its subtree.
  const style = { color: token.colorText, fontSize: token.fontSize, lineHeight: token.lineHeight, fontFamily: token.fontFamily };
  return (
    <ModalContext.Provider value={modal}>
      <div className="kehu-app" style={style}>
        {holder}
        {children}
      </div>
    </ModalContext.Provider>
  );
}

/** `{ modal }` as antd's `App.useApp()` gave it. */
export function useAppModal(): { modal: ModalApi } {
  const modal = useContext(ModalContext);
  if (!modal) throw new Error('ModalProvider is missing');
  return { modal };
}
