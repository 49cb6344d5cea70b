import { useEffect, type RefObject } from 'react';
import { Modal, type ModalFuncProps } from 'antd';

/** Shows the confirms asked for through app-modal.tsx (loaded with the first one). */
export default function ModalHost({ pending, asked }: { pending: RefObject<ModalFuncProps[]>; asked: number }) {
  const [modal, holder] = Modal.useModal();
  useEffect(() => {
    // Taken out of the queue before showing, so a repeated effect never shows one twice.
    for (const config of pending.current.splice(0)) modal.confirm(config);
  }, [asked, modal, pending]);
  return holder;
}
